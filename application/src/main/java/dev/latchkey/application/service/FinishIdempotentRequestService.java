package dev.latchkey.application.service;

import dev.latchkey.application.port.in.FinishIdempotentRequestUseCase;
import dev.latchkey.application.port.out.IdempotencyStorePort;
import dev.latchkey.domain.idempotency.IdempotentRequest;
import dev.latchkey.domain.idempotency.RecordedResponse;

/**
 * The end of a run that held an idempotency key: its answer is kept for retries with the same key, or,
 * after a failure on Latchkey's side, the key is let go so that a retry runs again.
 */
public final class FinishIdempotentRequestService implements FinishIdempotentRequestUseCase {
    private final IdempotencyStorePort store;

    public FinishIdempotentRequestService(IdempotencyStorePort store) {
        this.store = store;
    }

    @Override
    public void record(IdempotentRequest held, RecordedResponse response) {
        store.record(held, response);
    }

    @Override
    public void release(IdempotentRequest held) {
        store.release(held);
    }
}
