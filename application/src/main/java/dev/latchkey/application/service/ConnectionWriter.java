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

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Stores a fresh authorization. Authorizing the same identity of the same connector again updates
 * that connection (active again, new credentials) instead of adding a second one; another identity
 * (a second Slack workspace) is a new connection. The change and its events ({@code connection.created},
 * or {@code connection.updated} plus {@code connection.recovered} when it was expired) are one transaction.
 * A connector whose provider revokes idle refresh tokens ({@code refresh_at_least_every}) has the new
 * connection's keep-alive set in the same transaction, so the background refresher finds it in time.
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
                    String authType, Optional<String> identifier, Map<String, String> params, AuthSchemePort.Grant grant, Instant now,
                    Optional<Duration> refreshAtLeastEvery) {
        Connection fresh = Connection.create(workspaceId, accountKey, connector, authType, identifier, grant.scopes(), params,
                grant.tokenValues(), grant.credentials(), now);
        return transactions.inTransaction(() -> {
            Optional<Connection> existing = connections.listByAccount(workspaceId, accountKey).stream()
                    .filter(c -> c.connector().equals(connector) && c.identifier().equals(fresh.identifier()))
                    .findFirst();
            if (existing.isPresent()) {
                Connection updated = existing.get().reauthorized(fresh, now);
                connections.update(updated);
                connections.keepAliveBy(workspaceId, updated.id(), keepAliveBy(updated, refreshAtLeastEvery, now));
                events.connection(Event.CONNECTION_UPDATED, accountId, updated, now);
                if (existing.get().status() == ConnectionStatus.EXPIRED) {
                    events.connection(Event.CONNECTION_RECOVERED, accountId, updated, now);
                }
                return updated;
            }
            connections.insert(fresh);
            connections.keepAliveBy(workspaceId, fresh.id(), keepAliveBy(fresh, refreshAtLeastEvery, now));
            events.connection(Event.CONNECTION_CREATED, accountId, fresh, now);
            return fresh;
        });
    }

    /** When a connection's refresh token must be used next: only a connection that holds one, of a connector that says. */
    static Optional<Instant> keepAliveBy(Connection connection, Optional<Duration> refreshAtLeastEvery, Instant lastUsed) {
        boolean refreshable = connection.credentials().token().flatMap(t -> t.refreshToken()).isPresent();
        return refreshAtLeastEvery.filter(every -> refreshable).map(lastUsed::plus);
    }
}
