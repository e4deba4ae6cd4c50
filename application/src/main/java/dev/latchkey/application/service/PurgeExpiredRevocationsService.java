package dev.latchkey.application.service;

import dev.latchkey.application.port.in.PurgeExpiredRevocationsUseCase;
import dev.latchkey.application.port.out.SessionRevocationStorePort;

import java.time.Clock;

/** Forgets revocations of session tokens that have expired since: an expired token is refused anyway. */
public final class PurgeExpiredRevocationsService implements PurgeExpiredRevocationsUseCase {
    private final SessionRevocationStorePort revocations;
    private final Clock clock;

    public PurgeExpiredRevocationsService(SessionRevocationStorePort revocations, Clock clock) {
        this.revocations = revocations;
        this.clock = clock;
    }

    @Override
    public int purge() {
        return revocations.purgeExpired(clock.instant());
    }
}
