package dev.latchkey.application.port.out;

import dev.latchkey.domain.idempotency.IdempotencyKey;
import dev.latchkey.domain.idempotency.IdempotencyScope;
import dev.latchkey.domain.idempotency.IdempotentRequest;
import dev.latchkey.domain.idempotency.RecordedResponse;

import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency keys in use, shared by all instances; one row per scope and key. Recorded answers may
 * hold secrets: the store keeps them encrypted.
 */
public interface IdempotencyStorePort {
    /**
     * Takes the key for this pending request, atomically: when no row holds it, or the row that does
     * was created before {@code expiredBefore} (an expired key), or is still pending since before
     * {@code abandonedBefore} (a run that died). Of concurrent callers, exactly one gets {@code true}.
     */
    boolean reserve(IdempotentRequest pending, Instant expiredBefore, Instant abandonedBefore);

    /** The key's row unless it expired (created before {@code expiredBefore}). */
    Optional<IdempotentRequest> find(IdempotencyScope scope, IdempotencyKey key, Instant expiredBefore);

    /** Stores the answer of the run that holds the key; nothing if another run holds it now. */
    void record(IdempotentRequest held, RecordedResponse response);

    /** Frees the key, if this run still holds it and recorded nothing, so a retry runs the request again. */
    void release(IdempotentRequest held);

    /** Forgets keys created before {@code before}; returns how many. */
    int purgeCreatedBefore(Instant before);
}
