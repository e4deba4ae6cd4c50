package dev.latchkey.application.service;

import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Stores a fresh authorization. Authorizing the same identity of the same connector again updates
 * that connection (active again, new credentials) instead of adding a second one; another identity
 * (a second Slack workspace) is a new connection.
 */
final class ConnectionWriter {
    private final ConnectionStorePort connections;

    ConnectionWriter(ConnectionStorePort connections) {
        this.connections = connections;
    }

    Connection save(WorkspaceId workspaceId, LinkedAccountKey accountKey, ConnectorSlug connector, String authType,
                    Optional<String> identifier, Map<String, String> params, AuthSchemePort.Grant grant, Instant now) {
        Connection fresh = Connection.create(workspaceId, accountKey, connector, authType, identifier, grant.scopes(), params,
                grant.tokenValues(), grant.credentials(), now);
        Optional<Connection> existing = connections.listByAccount(workspaceId, accountKey).stream()
                .filter(c -> c.connector().equals(connector) && c.identifier().equals(fresh.identifier()))
                .findFirst();
        if (existing.isPresent()) {
            Connection updated = existing.get().reauthorized(fresh, now);
            connections.update(updated);
            return updated;
        }
        connections.insert(fresh);
        return fresh;
    }
}
