package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DisconnectUseCase;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.util.List;

/** Revokes at the provider (best effort, outside any transaction), then deletes the connection and emits connection.deleted together. */
public final class DisconnectService implements DisconnectUseCase {
    private final LinkedAccountStorePort accounts;
    private final ConnectionStorePort connections;
    private final Revoker revoker;
    private final ConnectionEvents events;
    private final TransactionPort transactions;
    private final Clock clock;

    public DisconnectService(LinkedAccountStorePort accounts, ConnectionStorePort connections, GetConnectorUseCase connectors,
                             List<AuthSchemePort> schemes, EventOutboxPort outbox, TransactionPort transactions, Clock clock) {
        this.accounts = accounts;
        this.connections = connections;
        this.revoker = new Revoker(connectors, new AuthSchemes(schemes));
        this.events = new ConnectionEvents(outbox);
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void disconnect(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectionId connectionId) {
        Connection connection = AccountLookups.owned(accounts, connections, workspaceId, accountId, connectionId);
        revoker.revoke(connection);
        transactions.inTransaction(() -> {
            if (connections.delete(workspaceId, connectionId)) {
                events.connection(Event.CONNECTION_DELETED, accountId, connection, clock.instant());
            }
        });
    }
}
