package dev.latchkey.application.port.in;

import dev.latchkey.domain.workspace.WorkspaceId;

public interface CreateApiKeyUseCase {
    /** Adds a key to a workspace (to rotate keys without downtime); {@code workspace_not_found} otherwise. */
    WorkspaceWithKey create(WorkspaceId workspaceId);
}
