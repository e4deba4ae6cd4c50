package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.ConnectorSettingsStorePort;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A workspace's settings per connector; the secret is kept in the clear here (the real store encrypts it). */
public final class InMemoryConnectorSettingsStore implements ConnectorSettingsStorePort {
    private final Map<WorkspaceId, Map<ConnectorSlug, Settings>> byWorkspace = new HashMap<>();
    private int saves;

    private Map<ConnectorSlug, Settings> of(WorkspaceId workspaceId) {
        return byWorkspace.computeIfAbsent(workspaceId, w -> new HashMap<>());
    }

    @Override
    public Optional<Settings> find(WorkspaceId workspaceId, ConnectorSlug connector) {
        return Optional.ofNullable(of(workspaceId).get(connector));
    }

    @Override
    public Map<ConnectorSlug, Settings> all(WorkspaceId workspaceId) {
        return Map.copyOf(of(workspaceId));
    }

    @Override
    public void save(WorkspaceId workspaceId, ConnectorSlug connector, Settings settings) {
        of(workspaceId).put(connector, settings);
        saves++;
    }

    public int saves() {
        return saves;
    }
}
