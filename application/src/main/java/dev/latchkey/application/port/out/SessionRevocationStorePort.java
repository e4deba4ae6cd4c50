package dev.latchkey.application.port.out;

import dev.latchkey.domain.session.SessionGrant;

import java.time.Instant;

/** Revoked session tokens, remembered until they would have expired anyway. Shared by all instances. */
public interface SessionRevocationStorePort {
    void revoke(SessionGrant grant);

    boolean isRevoked(String tokenId);

    /** Forgets revocations of tokens that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);
}
