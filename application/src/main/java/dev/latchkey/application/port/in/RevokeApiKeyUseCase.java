package dev.latchkey.application.port.in;

import dev.latchkey.domain.workspace.ApiKeyId;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface RevokeApiKeyUseCase {
    /**
     * Revokes one of the workspace's live keys: refused from then on (at once on this instance, within
     * the 30 s other instances remember a key for). {@code api_key_not_found} for an unknown, revoked
     * or other workspace's key.
     */
    void revoke(WorkspaceId workspaceId, ApiKeyId keyId);
}
