package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetConnectionUseCase;
import dev.latchkey.application.port.in.ListConnectionsUseCase;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

public final class ListConnectionsService implements ListConnectionsUseCase, GetConnectionUseCase {
    private final LinkedAccountStorePort accounts;
    private final ConnectionStorePort connections;

    public ListConnectionsService(LinkedAccountStorePort accounts, ConnectionStorePort connections) {
        this.accounts = accounts;
        this.connections = connections;
    }

    @Override
    public List<Connection> list(WorkspaceId workspaceId, LinkedAccountId accountId) {
        return connections.listByAccount(workspaceId, account(accounts, workspaceId, accountId).key());
    }

    @Override
    public Connection get(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectionId connectionId) {
        return owned(accounts, connections, workspaceId, accountId, connectionId);
    }

    static LinkedAccount account(LinkedAccountStorePort accounts, WorkspaceId workspaceId, LinkedAccountId accountId) {
        return accounts.find(workspaceId, accountId).orElseThrow(() -> LinkedAccountErrors.notFound(accountId));
    }

    /** The connection, when it belongs to this very account; another account's is not found, not forbidden. */
    static Connection owned(LinkedAccountStorePort accounts, ConnectionStorePort connections, WorkspaceId workspaceId,
                            LinkedAccountId accountId, ConnectionId connectionId) {
        LinkedAccount account = account(accounts, workspaceId, accountId);
        return connections.find(workspaceId, connectionId)
                .filter(c -> c.accountKey().equals(account.key()))
                .orElseThrow(() -> ConnectorErrors.connectionNotFound(connectionId));
    }
}
