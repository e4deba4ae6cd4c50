package dev.latchkey.domain.idempotency;

import java.util.Objects;

/**
 * The caller's {@code Idempotency-Key}: 1 to 255 printable ASCII characters (a UUID, say). The same
 * key sent again, with the same request, within {@link IdempotentRequest#RETENTION}, answers the first
 * answer instead of running the request again.
 */
public record IdempotencyKey(String value) {
    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        Objects.requireNonNull(value, "idempotency key");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be 1 to " + MAX_LENGTH + " characters (a UUID, say); it is " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("must be printable ASCII only (a UUID, say); character " + (i + 1) + " is not");
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
