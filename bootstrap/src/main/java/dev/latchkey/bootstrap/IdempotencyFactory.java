package dev.latchkey.bootstrap;

import dev.latchkey.application.port.out.IdempotencyStorePort;
import dev.latchkey.application.service.BeginIdempotentRequestService;
import dev.latchkey.application.service.FinishIdempotentRequestService;
import dev.latchkey.application.service.PurgeExpiredIdempotencyKeysService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Idempotent creation: the services behind the web adapter's {@code Idempotency-Key} filter and its clean-up. */
@Factory
public class IdempotencyFactory {

    @Singleton
    BeginIdempotentRequestService beginIdempotentRequest(IdempotencyStorePort store, Clock clock, IdempotencyProperties properties) {
        return new BeginIdempotentRequestService(store, clock, properties.getWait(), properties.getPoll(), properties.getAbandonedAfter(),
                Thread::sleep);
    }

    @Singleton
    FinishIdempotentRequestService finishIdempotentRequest(IdempotencyStorePort store) {
        return new FinishIdempotentRequestService(store);
    }

    @Singleton
    PurgeExpiredIdempotencyKeysService purgeExpiredIdempotencyKeys(IdempotencyStorePort store, Clock clock) {
        return new PurgeExpiredIdempotencyKeysService(store, clock);
    }
}
