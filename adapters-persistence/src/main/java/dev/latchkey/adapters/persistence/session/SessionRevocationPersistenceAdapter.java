package dev.latchkey.adapters.persistence.session;

import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.SessionRevocationStorePort;
import dev.latchkey.domain.session.SessionGrant;
import jakarta.inject.Singleton;

import java.time.Instant;

@Singleton
@TranslatesDatabaseFailures
public class SessionRevocationPersistenceAdapter implements SessionRevocationStorePort {
    private final RevokedSessionRepository repository;

    public SessionRevocationPersistenceAdapter(RevokedSessionRepository repository) {
        this.repository = repository;
    }

    @Override
    public void revoke(SessionGrant grant) {
        repository.insertIfAbsent(grant.tokenId(), grant.workspaceId().value(), grant.expiresAt());
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return repository.existsByTokenId(tokenId);
    }

    @Override
    public int purgeExpired(Instant now) {
        return repository.deleteByExpiresAtLessThan(now);
    }
}
