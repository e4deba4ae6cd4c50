package dev.latchkey.domain.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A key in use: the request it was first sent with and, once that request finished, its answer.
 * {@code attempt} names the one run of the request that holds the key, so only that run records or
 * releases it.
 */
public record IdempotentRequest(IdempotencyScope scope, IdempotencyKey key, UUID attempt, RequestFingerprint fingerprint,
                                Instant createdAt, Optional<RecordedResponse> response) {
    /** How long a key answers with its first answer. */
    public static final Duration RETENTION = Duration.ofHours(24);

    public IdempotentRequest {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(response, "response");
    }

    public static IdempotentRequest pending(IdempotencyScope scope, IdempotencyKey key, RequestFingerprint fingerprint, Instant now) {
        return new IdempotentRequest(scope, key, UUID.randomUUID(), fingerprint, now, Optional.empty());
    }

    public boolean isPending() {
        return response.isEmpty();
    }
}
