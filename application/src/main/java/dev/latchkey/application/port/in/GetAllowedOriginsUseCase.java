package dev.latchkey.application.port.in;

import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface GetAllowedOriginsUseCase {
    AllowedOrigins get(WorkspaceId workspaceId);
}
