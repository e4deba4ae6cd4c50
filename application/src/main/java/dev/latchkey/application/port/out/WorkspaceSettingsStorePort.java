package dev.latchkey.application.port.out;

import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface WorkspaceSettingsStorePort {
    /** {@link AllowedOrigins#NONE} until set. */
    AllowedOrigins allowedOrigins(WorkspaceId workspaceId);

    void saveAllowedOrigins(WorkspaceId workspaceId, AllowedOrigins origins);
}
