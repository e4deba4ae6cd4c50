package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Objects;
import java.util.Optional;

/**
 * @param rejected the target the provider just answered 401 to, when this prepares the replay: its token
 *                 is refreshed if it is still the stored one; otherwise the stored token is used as it is
 */
public record PrepareProxyRequestCommand(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectorSlug connector,
                                         Optional<ConnectionId> connectionId, Optional<ProxyTarget> rejected) {
    public PrepareProxyRequestCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(rejected, "rejected");
    }

    /** A first attempt, not a replay after a 401. */
    public PrepareProxyRequestCommand(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectorSlug connector,
                                      Optional<ConnectionId> connectionId) {
        this(workspaceId, accountId, connector, connectionId, Optional.empty());
    }

    /** The same request, to be sent again after the provider answered 401 to {@code target}. */
    public PrepareProxyRequestCommand rejecting(ProxyTarget target) {
        return new PrepareProxyRequestCommand(workspaceId, accountId, connector, connectionId, Optional.of(target));
    }
}
