package dev.latchkey.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When a request is sent again after Latchkey answered {@code 429 Too Many Requests} or
 * {@code 503 Service Unavailable}. Only requests that are safe to repeat are retried: {@code GET},
 * {@code HEAD}, {@code PUT}, {@code DELETE}, and creates, which always carry an
 * {@code Idempotency-Key} (the same one on every attempt). Proxied calls are never retried: the
 * provider's answer, whatever it is, is yours to read.
 *
 * <p>The wait is the answer's {@code Retry-After} (seconds or an HTTP date) when it has one, else
 * an exponential backoff from {@code initialBackoff}, doubling up to {@code maxBackoff}, with
 * jitter (half of it fixed, half random). A {@code Retry-After} longer than {@code maxRetryAfter}
 * is not waited for: the answer is reported as it is.
 *
 * @param maxAttempts   attempts in all, the first included; 1 turns retries off
 * @param initialBackoff the wait before the first retry without {@code Retry-After}
 * @param maxBackoff    the longest wait without {@code Retry-After}
 * @param maxRetryAfter the longest {@code Retry-After} honoured
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    /** 3 attempts, 250 ms doubling up to 5 s, a {@code Retry-After} of up to 60 s honoured. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 10, the first attempt included; was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("backoffs must be 0 or more, and maxBackoff at least initialBackoff");
        }
    }

    /** One attempt only. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** The same policy with another number of attempts. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, maxRetryAfter);
    }

    /** The backoff before retry {@code retry} (1 for the first retry), before jitter. */
    Duration backoff(int retry) {
        Duration wait = initialBackoff;
        for (int i = 1; i < retry && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
