package dev.latchkey.application.port.in;

import dev.latchkey.domain.session.SessionGrant;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface RevokeSessionTokenUseCase {
    /**
     * Refuses the token from now on, on every instance. Idempotent. A token of another workspace
     * is {@code session_token_not_found}.
     */
    void revoke(WorkspaceId callerWorkspace, SessionGrant grant);
}
