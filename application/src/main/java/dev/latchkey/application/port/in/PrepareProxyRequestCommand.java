package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Objects;
import java.util.Optional;

/** @param forceRefresh the provider just answered 401 with the current token */
public record PrepareProxyRequestCommand(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectorSlug connector,
                                         Optional<ConnectionId> connectionId, boolean forceRefresh) {
    public PrepareProxyRequestCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(connectionId, "connectionId");
    }
}
