package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ListConnectionsUseCase;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

/** A linked account's connections. */
public final class ListConnectionsService implements ListConnectionsUseCase {
    private final LinkedAccountStorePort accounts;
    private final ConnectionStorePort connections;

    public ListConnectionsService(LinkedAccountStorePort accounts, ConnectionStorePort connections) {
        this.accounts = accounts;
        this.connections = connections;
    }

    @Override
    public List<Connection> list(WorkspaceId workspaceId, LinkedAccountId accountId) {
        return connections.listByAccount(workspaceId, AccountLookups.account(accounts, workspaceId, accountId).key());
    }
}
