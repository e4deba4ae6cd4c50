package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DeleteLinkedAccountUseCase;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Deletes a linked account: first its connections are revoked at their providers (best effort),
 * then the account goes and the store cascades to everything that hangs off it. Session tokens are
 * bound to the account's key, so they die with it even if the id is reused later. The deletion and its
 * events (connection.deleted for each connection, then linked_account.deleted) are one transaction.
 */
public final class DeleteLinkedAccountService implements DeleteLinkedAccountUseCase {
    private final LinkedAccountStorePort accounts;
    private final ConnectionStorePort connections;
    private final Revoker revoker;
    private final ConnectionEvents events;
    private final TransactionPort transactions;
    private final Clock clock;

    public DeleteLinkedAccountService(LinkedAccountStorePort accounts, ConnectionStorePort connections, GetConnectorUseCase connectors,
                                      List<AuthSchemePort> schemes, EventOutboxPort outbox, TransactionPort transactions,
                                      Clock clock) {
        this.accounts = accounts;
        this.connections = connections;
        this.revoker = new Revoker(connectors, new AuthSchemes(schemes));
        this.events = new ConnectionEvents(outbox);
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void delete(WorkspaceId workspaceId, LinkedAccountId id) {
        LinkedAccount account = accounts.find(workspaceId, id).orElseThrow(() -> LinkedAccountErrors.notFound(id));
        List<Connection> held = connections.listByAccount(workspaceId, account.key());
        for (Connection connection : held) {
            revoker.revoke(connection);
        }
        transactions.inTransaction(() -> {
            Instant now = clock.instant();
            for (Connection connection : connections.listByAccount(workspaceId, account.key())) {
                connections.delete(workspaceId, connection.id()); // the account's deletion would cascade; this tells the proxy too
                events.connection(Event.CONNECTION_DELETED, id, connection, now);
            }
            if (!accounts.delete(workspaceId, id)) {
                throw LinkedAccountErrors.notFound(id);
            }
            events.accountDeleted(workspaceId, id, now);
        });
    }
}
