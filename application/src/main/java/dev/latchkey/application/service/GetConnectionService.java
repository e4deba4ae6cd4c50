package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetConnectionUseCase;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.workspace.WorkspaceId;

/** One connection of a linked account. */
public final class GetConnectionService implements GetConnectionUseCase {
    private final LinkedAccountStorePort accounts;
    private final ConnectionStorePort connections;

    public GetConnectionService(LinkedAccountStorePort accounts, ConnectionStorePort connections) {
        this.accounts = accounts;
        this.connections = connections;
    }

    @Override
    public Connection get(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectionId connectionId) {
        return AccountLookups.owned(accounts, connections, workspaceId, accountId, connectionId);
    }
}
