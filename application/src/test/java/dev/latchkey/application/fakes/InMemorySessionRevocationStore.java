package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.SessionRevocationStorePort;
import dev.latchkey.domain.session.SessionGrant;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Revoked token ids with the instant they would have expired. */
public final class InMemorySessionRevocationStore implements SessionRevocationStorePort {
    private final Map<String, Instant> expiresAtByTokenId = new HashMap<>();

    @Override
    public void revoke(SessionGrant grant) {
        expiresAtByTokenId.put(grant.tokenId(), grant.expiresAt());
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return expiresAtByTokenId.containsKey(tokenId);
    }

    @Override
    public int purgeExpired(Instant now) {
        int before = expiresAtByTokenId.size();
        expiresAtByTokenId.values().removeIf(expiresAt -> expiresAt.isBefore(now));
        return before - expiresAtByTokenId.size();
    }

    public int size() {
        return expiresAtByTokenId.size();
    }
}
