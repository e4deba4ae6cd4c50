package dev.latchkey.domain.connection;

import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A linked account's authorization of one connector: whose, how (auth type), the values the
 * customer gave (params), values the provider returned that are not secret (token values such as
 * Salesforce's instance_url), and the credentials.
 */
public record Connection(
        ConnectionId id,
        WorkspaceId workspaceId,
        LinkedAccountKey accountKey,
        ConnectorSlug connector,
        String authType,
        ConnectionStatus status,
        Optional<String> identifier,
        List<String> scopes,
        Map<String, String> params,
        Map<String, String> tokenValues,
        Credentials credentials,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> lastRefreshedAt,
        Optional<String> lastError) {

    public static final int MAX_IDENTIFIER_LENGTH = 255;

    public Connection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(accountKey, "accountKey");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(authType, "authType");
        Objects.requireNonNull(status, "status");
        identifier = identifier.filter(s -> !s.isBlank()).map(s -> s.length() > MAX_IDENTIFIER_LENGTH ? s.substring(0, MAX_IDENTIFIER_LENGTH) : s);
        scopes = List.copyOf(scopes);
        params = Map.copyOf(params);
        tokenValues = Map.copyOf(tokenValues);
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastRefreshedAt, "lastRefreshedAt");
        Objects.requireNonNull(lastError, "lastError");
    }

    public static Connection create(WorkspaceId workspaceId, LinkedAccountKey accountKey, ConnectorSlug connector, String authType,
                                    Optional<String> identifier, List<String> scopes, Map<String, String> params,
                                    Map<String, String> tokenValues, Credentials credentials, Instant now) {
        return new Connection(ConnectionId.random(), workspaceId, accountKey, connector, authType, ConnectionStatus.ACTIVE,
                identifier, scopes, params, tokenValues, credentials, now, now, Optional.empty(), Optional.empty());
    }

    /** The customer authorized again (same identity): new credentials, active again, history kept. */
    public Connection reauthorized(Connection fresh, Instant now) {
        return new Connection(id, workspaceId, accountKey, connector, fresh.authType, ConnectionStatus.ACTIVE,
                fresh.identifier.or(() -> identifier), fresh.scopes, fresh.params, fresh.tokenValues, fresh.credentials,
                createdAt, now, lastRefreshedAt, Optional.empty());
    }

    public Connection refreshed(AccessToken token, Instant now) {
        return new Connection(id, workspaceId, accountKey, connector, authType, ConnectionStatus.ACTIVE, identifier,
                token.scopes().isEmpty() ? scopes : token.scopes(), params, tokenValues, credentials.withToken(token),
                createdAt, now, Optional.of(now), Optional.empty());
    }

    /** A refresh failed for a passing reason (5xx, timeout): still active, the error kept until a refresh succeeds. */
    public Connection refreshFailed(String error, Instant now) {
        return new Connection(id, workspaceId, accountKey, connector, authType, status, identifier, scopes, params, tokenValues,
                credentials, createdAt, now, lastRefreshedAt, Optional.of(error));
    }

    public Connection expired(String reason, Instant now) {
        return new Connection(id, workspaceId, accountKey, connector, authType, ConnectionStatus.EXPIRED, identifier, scopes,
                params, tokenValues, credentials, createdAt, now, lastRefreshedAt, Optional.of(reason));
    }

    /** Values for templates such as {@code api.base_url}: the params and the token values. */
    public Map<String, String> templateValues() {
        Map<String, String> values = new java.util.HashMap<>(tokenValues);
        values.putAll(params);
        return values;
    }
}
