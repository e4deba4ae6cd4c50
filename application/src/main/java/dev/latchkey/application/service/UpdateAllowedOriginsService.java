package dev.latchkey.application.service;

import dev.latchkey.application.port.in.UpdateAllowedOriginsUseCase;
import dev.latchkey.application.port.out.WorkspaceSettingsStorePort;
import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;

/** Replaces the origins a workspace's return URLs may point to. */
public final class UpdateAllowedOriginsService implements UpdateAllowedOriginsUseCase {
    private final WorkspaceSettingsStorePort settings;

    public UpdateAllowedOriginsService(WorkspaceSettingsStorePort settings) {
        this.settings = settings;
    }

    @Override
    public AllowedOrigins update(WorkspaceId workspaceId, AllowedOrigins origins) {
        settings.saveAllowedOrigins(workspaceId, origins);
        return origins;
    }
}
