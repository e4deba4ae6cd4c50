package dev.latchkey.application.service;

import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Stores a fresh authorization. Authorizing the same identity of the same connector again updates
 * that connection (active again, new credentials) instead of adding a second one; another identity
 * (a second Slack workspace) is a new connection. The change and its events ({@code connection.created},
 * or {@code connection.updated} plus {@code connection.recovered} when it was expired) are one transaction.
 */
final class ConnectionWriter {
    private final ConnectionStorePort connections;
    private final ConnectionEvents events;
    private final TransactionPort transactions;

    ConnectionWriter(ConnectionStorePort connections, EventOutboxPort outbox, TransactionPort transactions) {
        this.connections = connections;
        this.events = new ConnectionEvents(outbox);
        this.transactions = transactions;
    }

    Connection save(WorkspaceId workspaceId, LinkedAccountId accountId, LinkedAccountKey accountKey, ConnectorSlug connector,
                    String authType, Optional<String> identifier, Map<String, String> params, AuthSchemePort.Grant grant, Instant now) {
        Connection fresh = Connection.create(workspaceId, accountKey, connector, authType, identifier, grant.scopes(), params,
                grant.tokenValues(), grant.credentials(), now);
        return transactions.inTransaction(() -> {
            Optional<Connection> existing = connections.listByAccount(workspaceId, accountKey).stream()
                    .filter(c -> c.connector().equals(connector) && c.identifier().equals(fresh.identifier()))
                    .findFirst();
            if (existing.isPresent()) {
                Connection updated = existing.get().reauthorized(fresh, now);
                connections.update(updated);
                events.connection(Event.CONNECTION_UPDATED, accountId, updated, now);
                if (existing.get().status() == ConnectionStatus.EXPIRED) {
                    events.connection(Event.CONNECTION_RECOVERED, accountId, updated, now);
                }
                return updated;
            }
            connections.insert(fresh);
            events.connection(Event.CONNECTION_CREATED, accountId, fresh, now);
            return fresh;
        });
    }
}
