package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.WorkspaceSettingsStorePort;
import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.HashMap;
import java.util.Map;

public final class InMemoryWorkspaceSettingsStore implements WorkspaceSettingsStorePort {
    private final Map<WorkspaceId, AllowedOrigins> origins = new HashMap<>();

    @Override
    public AllowedOrigins allowedOrigins(WorkspaceId workspaceId) {
        return origins.getOrDefault(workspaceId, AllowedOrigins.NONE);
    }

    @Override
    public void saveAllowedOrigins(WorkspaceId workspaceId, AllowedOrigins allowed) {
        origins.put(workspaceId, allowed);
    }
}
