package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetAllowedOriginsUseCase;
import dev.latchkey.application.port.out.WorkspaceSettingsStorePort;
import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;

/** The origins a workspace's return URLs may point to. */
public final class GetAllowedOriginsService implements GetAllowedOriginsUseCase {
    private final WorkspaceSettingsStorePort settings;

    public GetAllowedOriginsService(WorkspaceSettingsStorePort settings) {
        this.settings = settings;
    }

    @Override
    public AllowedOrigins get(WorkspaceId workspaceId) {
        return settings.allowedOrigins(workspaceId);
    }
}
