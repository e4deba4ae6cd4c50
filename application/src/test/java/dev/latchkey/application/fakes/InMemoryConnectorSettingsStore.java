package dev.latchkey.application.fakes;

import dev.latchkey.domain.connector.ConnectorSettings;

import dev.latchkey.application.port.out.ConnectorSettingsStorePort;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A workspace's settings per connector; the secret is kept in the clear here (the real store encrypts it). */
public final class InMemoryConnectorSettingsStore implements ConnectorSettingsStorePort {
    private final Map<WorkspaceId, Map<ConnectorSlug, ConnectorSettings>> byWorkspace = new HashMap<>();
    private int saves;

    private Map<ConnectorSlug, ConnectorSettings> of(WorkspaceId workspaceId) {
        return byWorkspace.computeIfAbsent(workspaceId, w -> new HashMap<>());
    }

    @Override
    public Optional<ConnectorSettings> find(WorkspaceId workspaceId, ConnectorSlug connector) {
        return Optional.ofNullable(of(workspaceId).get(connector));
    }

    @Override
    public Map<ConnectorSlug, ConnectorSettings> all(WorkspaceId workspaceId) {
        return Map.copyOf(of(workspaceId));
    }

    @Override
    public void save(WorkspaceId workspaceId, ConnectorSlug connector, ConnectorSettings settings) {
        of(workspaceId).put(connector, settings);
        saves++;
    }

    @Override
    public void delete(WorkspaceId workspaceId, ConnectorSlug connector) {
        of(workspaceId).remove(connector);
    }

    public int saves() {
        return saves;
    }
}
