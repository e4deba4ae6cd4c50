package dev.latchkey.application.port.out;

import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Connectors a workspace defined through the API, kept as their JSON source (read again on load). */
public interface PrivateConnectorStorePort {
    /** False when the workspace already has a private connector with this slug. */
    boolean insert(WorkspaceId workspaceId, ConnectorSlug slug, Map<String, Object> source);

    /** False when there is none to replace. */
    boolean replace(WorkspaceId workspaceId, ConnectorSlug slug, Map<String, Object> source);

    Optional<Map<String, Object>> find(WorkspaceId workspaceId, ConnectorSlug slug);

    List<Map<String, Object>> all(WorkspaceId workspaceId);

    boolean delete(WorkspaceId workspaceId, ConnectorSlug slug);
}
