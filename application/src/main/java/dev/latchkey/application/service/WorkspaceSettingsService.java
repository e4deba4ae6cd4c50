package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetAllowedOriginsUseCase;
import dev.latchkey.application.port.in.UpdateAllowedOriginsUseCase;
import dev.latchkey.application.port.out.WorkspaceSettingsStorePort;
import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;

public final class WorkspaceSettingsService implements GetAllowedOriginsUseCase, UpdateAllowedOriginsUseCase {
    private final WorkspaceSettingsStorePort settings;

    public WorkspaceSettingsService(WorkspaceSettingsStorePort settings) {
        this.settings = settings;
    }

    @Override
    public AllowedOrigins get(WorkspaceId workspaceId) {
        return settings.allowedOrigins(workspaceId);
    }

    @Override
    public AllowedOrigins update(WorkspaceId workspaceId, AllowedOrigins origins) {
        settings.saveAllowedOrigins(workspaceId, origins);
        return origins;
    }
}
