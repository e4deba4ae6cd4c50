package dev.latchkey.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One event on its way to one endpoint. {@code pending} until the endpoint answers 2xx
 * ({@code delivered}) or the retries run out ({@code failed}); each failed attempt waits longer
 * before the next: 30 s, 1 min, 2 min, 4 min ... capped at 1 h, for at least 24 h.
 */
public record WebhookDelivery(WebhookDeliveryId id, WebhookEndpointId endpointId, String eventId, String eventType, Status status,
                              int attempts, Optional<Instant> nextAttemptAt, Optional<Integer> lastStatusCode,
                              Optional<String> lastError, Optional<Instant> deliveredAt, Instant createdAt) {
    public static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    public static final Duration MAX_RETRY = Duration.ofHours(1);
    /** How long a delivery is retried, from its event (or from a redelivery request). */
    public static final Duration RETRY_WINDOW = Duration.ofHours(24);
    /** How long events and their deliveries are kept (to list and redeliver) once nothing is pending. */
    public static final Duration RETENTION = Duration.ofDays(30);

    public enum Status {
        PENDING, DELIVERED, FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status parse(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastStatusCode, "lastStatusCode");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** How long to wait after the {@code attempts}-th failed attempt (1-based): 30 s doubling, at most 1 h. */
    public static Duration backoff(int attempts) {
        if (attempts < 1) {
            return Duration.ZERO;
        }
        int doublings = Math.min(attempts - 1, 20);
        Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    }

    /** When to try again after a failure at {@code now}, or empty when the retry window is over (the delivery fails). */
    public static Optional<Instant> retryAfterFailure(int attempts, Instant now, Instant giveUpAt) {
        return now.isBefore(giveUpAt) ? Optional.of(now.plus(backoff(attempts))) : Optional.empty();
    }
}
