package dev.latchkey.application.service;

import dev.latchkey.application.port.in.RevokeSessionTokenUseCase;
import dev.latchkey.application.port.out.SessionRevocationStorePort;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.session.SessionGrant;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Clock;

public final class RevokeSessionTokenService implements RevokeSessionTokenUseCase {
    private final SessionRevocationStorePort revocations;
    private final Clock clock;

    public RevokeSessionTokenService(SessionRevocationStorePort revocations, Clock clock) {
        this.revocations = revocations;
        this.clock = clock;
    }

    @Override
    public void revoke(WorkspaceId callerWorkspace, SessionGrant grant) {
        if (!grant.workspaceId().equals(callerWorkspace)) {
            throw new NotFoundException("session_token_not_found", "This session token was not issued by this workspace.");
        }
        if (!grant.isExpiredAt(clock.instant())) {
            revocations.revoke(grant);
        }
    }
}
