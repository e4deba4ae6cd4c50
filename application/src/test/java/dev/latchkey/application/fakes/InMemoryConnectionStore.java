package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Connections in insertion order, scoped by workspace like the database. */
public final class InMemoryConnectionStore implements ConnectionStorePort {
    private final Map<ConnectionId, Connection> rows = new LinkedHashMap<>();

    @Override
    public void insert(Connection connection) {
        if (rows.putIfAbsent(connection.id(), connection) != null) {
            throw new IllegalStateException("duplicate connection id");
        }
    }

    @Override
    public void update(Connection connection) {
        if (!rows.containsKey(connection.id())) {
            throw new IllegalStateException("no such connection");
        }
        rows.put(connection.id(), connection);
    }

    @Override
    public Optional<Connection> find(WorkspaceId workspaceId, ConnectionId id) {
        return Optional.ofNullable(rows.get(id)).filter(c -> c.workspaceId().equals(workspaceId));
    }

    @Override
    public List<Connection> listByAccount(WorkspaceId workspaceId, LinkedAccountKey accountKey) {
        return rows.values().stream().filter(c -> c.workspaceId().equals(workspaceId) && c.accountKey().equals(accountKey)).toList();
    }

    @Override
    public boolean delete(WorkspaceId workspaceId, ConnectionId id) {
        return find(workspaceId, id).map(c -> rows.remove(id) != null).orElse(false);
    }

    /** Like ON DELETE CASCADE from linked_accounts. */
    public void deleteAccount(LinkedAccountKey key) {
        rows.values().removeIf(c -> c.accountKey().equals(key));
    }

    public List<Connection> all() {
        return new ArrayList<>(rows.values());
    }
}
