package dev.latchkey.client;

import com.fasterxml.jackson.databind.JavaType;

import static dev.latchkey.client.Transport.segment;

/** {@code /v1/linked-accounts/{id}/connections}: a customer's connections, never a secret. */
public final class Connections {
    private static final JavaType CONNECTION = Transport.type(Connection.class);
    private static final JavaType PAGE = Transport.pageOf(Connection.class);

    private final Transport transport;

    Connections(Transport transport) {
        this.transport = transport;
    }

    /** The linked account's connections; {@code 404 linked_account_not_found} for an unknown account. */
    public Paged<Connection> list(String linkedAccountId) {
        return new Paged<>(cursor -> transport.get(path(linkedAccountId) + Transport.query("cursor", cursor), PAGE));
    }

    /** {@code 404 connection_not_found} when it is not the account's. */
    public Connection get(String linkedAccountId, String connectionId) {
        return transport.get(path(linkedAccountId, connectionId), CONNECTION);
    }

    /** Disconnects: revokes at the provider where it can, deletes the credentials. */
    public void delete(String linkedAccountId, String connectionId) {
        transport.call("DELETE", path(linkedAccountId, connectionId), null, Transport.Repeat.IDEMPOTENT, null);
    }

    /** Stores credentials you already hold as a connection, encrypted, without calling the provider. */
    public Connection importCredentials(String linkedAccountId, ImportConnectionRequest request) {
        return transport.call("POST", path(linkedAccountId), request.body(), Transport.Repeat.CREATE, CONNECTION);
    }

    /**
     * The connection's access token, for the provider's own SDK: refreshed first when it expires
     * within the connector's margin. {@code 409 no_access_token} for key-based auth types,
     * {@code 409 connection_expired} when the customer must connect again.
     */
    public AccessToken accessToken(String linkedAccountId, String connectionId) {
        return transport.get(path(linkedAccountId, connectionId) + "/access-token", Transport.type(AccessToken.class));
    }

    /**
     * A fresh token after the provider answered 401 to {@code rejected} (as {@link #accessToken} gave it):
     * {@code force_refresh=true&rejected_token_id=<its tokenId>}. Latchkey refreshes only while the
     * rejected token is still the stored one; when another caller replaced it already, the current
     * token comes back without a refresh, so many callers that saw one 401 cause one refresh.
     */
    public AccessToken refreshRejected(String linkedAccountId, AccessToken rejected) {
        if (rejected.tokenId() == null || rejected.tokenId().isEmpty()) {
            throw new IllegalArgumentException("the rejected token has no tokenId: give the AccessToken this client fetched");
        }
        return transport.get(path(linkedAccountId, rejected.connectionId()) + "/access-token"
                + Transport.query("force_refresh", "true", "rejected_token_id", rejected.tokenId()), Transport.type(AccessToken.class));
    }

    private static String path(String linkedAccountId) {
        return "/v1/linked-accounts/" + segment(linkedAccountId) + "/connections";
    }

    private static String path(String linkedAccountId, String connectionId) {
        return path(linkedAccountId) + "/" + segment(connectionId);
    }
}
