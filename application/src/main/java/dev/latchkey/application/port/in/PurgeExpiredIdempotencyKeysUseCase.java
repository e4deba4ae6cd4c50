package dev.latchkey.application.port.in;

public interface PurgeExpiredIdempotencyKeysUseCase {
    /** Forgets idempotency keys older than their retention; returns how many. */
    int purge();
}
