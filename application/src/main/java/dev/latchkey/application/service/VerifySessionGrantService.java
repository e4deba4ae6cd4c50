package dev.latchkey.application.service;

import dev.latchkey.application.port.in.VerifySessionGrantUseCase;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.SessionRevocationStorePort;
import dev.latchkey.domain.session.SessionGrant;

import java.time.Clock;

public final class VerifySessionGrantService implements VerifySessionGrantUseCase {
    private final SessionRevocationStorePort revocations;
    private final LinkedAccountStorePort accounts;
    private final Clock clock;

    public VerifySessionGrantService(SessionRevocationStorePort revocations, LinkedAccountStorePort accounts, Clock clock) {
        this.revocations = revocations;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public boolean isLive(SessionGrant grant) {
        return !grant.isExpiredAt(clock.instant())
                && !revocations.isRevoked(grant.tokenId())
                && accounts.exists(grant.workspaceId(), grant.linkedAccountKey());
    }
}
