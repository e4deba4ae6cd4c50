package dev.latchkey.application.port.out;

import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Optional;

/** Connections, their credentials encrypted at rest by the adapter. Always within one workspace. */
public interface ConnectionStorePort {
    void insert(Connection connection);

    /** Replaces everything but the id, owner and creation time. */
    void update(Connection connection);

    Optional<Connection> find(WorkspaceId workspaceId, ConnectionId id);

    /** The account's connections, oldest first. */
    List<Connection> listByAccount(WorkspaceId workspaceId, LinkedAccountKey accountKey);

    boolean delete(WorkspaceId workspaceId, ConnectionId id);
}
