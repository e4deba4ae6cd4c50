package dev.latchkey.application.port.in;

import dev.latchkey.domain.idempotency.IdempotencyKey;
import dev.latchkey.domain.idempotency.IdempotencyScope;
import dev.latchkey.domain.idempotency.RequestFingerprint;

import java.util.Objects;

public record BeginIdempotentRequestCommand(IdempotencyScope scope, IdempotencyKey key, RequestFingerprint fingerprint) {
    public BeginIdempotentRequestCommand {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
