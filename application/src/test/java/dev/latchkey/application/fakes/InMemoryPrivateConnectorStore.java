package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.PrivateConnectorStorePort;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Private connectors per workspace, kept as their source maps, in slug order. */
public final class InMemoryPrivateConnectorStore implements PrivateConnectorStorePort {
    private final Map<WorkspaceId, TreeMap<String, Map<String, Object>>> byWorkspace = new HashMap<>();

    private TreeMap<String, Map<String, Object>> of(WorkspaceId workspaceId) {
        return byWorkspace.computeIfAbsent(workspaceId, w -> new TreeMap<>());
    }

    @Override
    public boolean insert(WorkspaceId workspaceId, ConnectorSlug slug, Map<String, Object> source) {
        return of(workspaceId).putIfAbsent(slug.value(), Map.copyOf(source)) == null;
    }

    @Override
    public boolean replace(WorkspaceId workspaceId, ConnectorSlug slug, Map<String, Object> source) {
        return of(workspaceId).replace(slug.value(), Map.copyOf(source)) != null;
    }

    @Override
    public Optional<Map<String, Object>> find(WorkspaceId workspaceId, ConnectorSlug slug) {
        return Optional.ofNullable(of(workspaceId).get(slug.value()));
    }

    @Override
    public List<Map<String, Object>> all(WorkspaceId workspaceId) {
        return new ArrayList<>(of(workspaceId).values());
    }

    @Override
    public boolean delete(WorkspaceId workspaceId, ConnectorSlug slug) {
        return of(workspaceId).remove(slug.value()) != null;
    }
}
