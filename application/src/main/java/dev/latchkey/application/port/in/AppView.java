package dev.latchkey.application.port.in;

import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.ConnectorDefinition;

import java.util.List;
import java.util.Optional;

/**
 * An enabled connector as one linked account sees it, with its connections to it and what each of its auth entries does.
 *
 * @param awaitsOAuthApp it can't be connected yet: it needs the workspace's OAuth app, not set ({@link ConnectorView#awaitsOAuthApp()})
 * @param auth           what each of its auth entries does, as its scheme declares it (the definition's order)
 */
public record AppView(ConnectorDefinition definition, List<Connection> connections, boolean awaitsOAuthApp, List<AuthCapabilities> auth) {
    public AppView {
        connections = List.copyOf(connections);
        auth = List.copyOf(auth);
    }

    public boolean connected() {
        return !connections.isEmpty();
    }

    /** {@code active} if any connection is, else the status of the most recent one; empty when none. */
    public Optional<ConnectionStatus> status() {
        if (connections.stream().anyMatch(c -> c.status() == ConnectionStatus.ACTIVE)) {
            return Optional.of(ConnectionStatus.ACTIVE);
        }
        return connections.stream().reduce((a, b) -> b).map(Connection::status);
    }
}
