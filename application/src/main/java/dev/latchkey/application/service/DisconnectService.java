package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DisconnectUseCase;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

public final class DisconnectService implements DisconnectUseCase {
    private final LinkedAccountStorePort accounts;
    private final ConnectionStorePort connections;
    private final Revoker revoker;

    public DisconnectService(LinkedAccountStorePort accounts, ConnectionStorePort connections, GetConnectorUseCase connectors,
                             List<AuthSchemePort> schemes) {
        this.accounts = accounts;
        this.connections = connections;
        this.revoker = new Revoker(connectors, new AuthSchemes(schemes));
    }

    @Override
    public void disconnect(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectionId connectionId) {
        Connection connection = ListConnectionsService.owned(accounts, connections, workspaceId, accountId, connectionId);
        revoker.revoke(connection);
        connections.delete(workspaceId, connectionId);
    }
}
