package dev.latchkey.application.service;

import dev.latchkey.application.port.in.PurgeExpiredIdempotencyKeysUseCase;
import dev.latchkey.application.port.out.IdempotencyStorePort;
import dev.latchkey.domain.idempotency.IdempotentRequest;

import java.time.Clock;

/** Forgets idempotency keys past their {@link IdempotentRequest#RETENTION}: a retry after that runs as new. */
public final class PurgeExpiredIdempotencyKeysService implements PurgeExpiredIdempotencyKeysUseCase {
    private final IdempotencyStorePort store;
    private final Clock clock;

    public PurgeExpiredIdempotencyKeysService(IdempotencyStorePort store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public int purge() {
        return store.purgeCreatedBefore(clock.instant().minus(IdempotentRequest.RETENTION));
    }
}
