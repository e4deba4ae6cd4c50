package dev.latchkey.application.port.in;

import dev.latchkey.domain.workspace.ApiKey;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

public interface ListApiKeysUseCase {
    /** The workspace's live (not revoked) keys, oldest first: their hints, never a secret. */
    List<ApiKey> list(WorkspaceId workspaceId);
}
