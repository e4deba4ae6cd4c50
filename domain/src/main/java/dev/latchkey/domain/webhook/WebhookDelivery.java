package dev.latchkey.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One event on its way to one endpoint. {@code pending} until the endpoint answers 2xx
 * ({@code delivered}) or the retries run out ({@code failed}); each failed attempt waits longer
 * before the next: 30 s, 1 min, 2 min, 4 min ... capped at 1 h, for at least 24 h.
 *
 * @param lastResponseExcerpt the start of what the endpoint answered last ({@link #excerpt}): bounded, secrets masked
 */
public record WebhookDelivery(WebhookDeliveryId id, WebhookEndpointId endpointId, String eventId, String eventType, Status status,
                              int attempts, Optional<Instant> nextAttemptAt, Optional<Integer> lastStatusCode,
                              Optional<String> lastError, Optional<Instant> deliveredAt, Instant createdAt,
                              Optional<String> lastResponseExcerpt) {
    public static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    public static final Duration MAX_RETRY = Duration.ofHours(1);
    /** How long a delivery is retried, from its event (or from a redelivery request). */
    public static final Duration RETRY_WINDOW = Duration.ofHours(24);
    /** How long events and their deliveries are kept (to list and redeliver) once nothing is pending. */
    public static final Duration RETENTION = Duration.ofDays(30);
    /** How much of an endpoint's answer is kept, in characters: enough to read its error, too little to hold a document. */
    public static final int MAX_EXCERPT = 512;
    private static final String MASK = "[redacted]";
    /** What looks like a signing secret or a Latchkey API key, wherever an endpoint echoes one back. */
    private static final Pattern SECRET_LIKE = Pattern.compile("whsec_[A-Za-z0-9+/=_-]+|lk_(?:live|test)_[A-Za-z0-9_-]+");

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
        Objects.requireNonNull(lastResponseExcerpt, "lastResponseExcerpt");
        lastResponseExcerpt.ifPresent(text -> {
            if (text.length() > MAX_EXCERPT) {
                throw new IllegalArgumentException("lastResponseExcerpt must be at most " + MAX_EXCERPT + " characters");
            }
        });
    }

    /**
     * What is kept of an endpoint's answer: its first {@value #MAX_EXCERPT} characters, control characters
     * (but line breaks and tabs) as spaces, the signing secret and anything shaped like a secret
     * ({@code whsec_...}, an API key) masked before the cut, so no part of one is kept. Empty for an empty answer.
     */
    public static Optional<String> excerpt(String body, String... secrets) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        // Masking needs the whole secret, which the cut may split: look at a little more than is kept.
        String text = body.length() > 4 * MAX_EXCERPT ? body.substring(0, 4 * MAX_EXCERPT) : body;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                text = text.replace(secret, MASK);
            }
        }
        text = SECRET_LIKE.matcher(text).replaceAll(MASK);
        StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX_EXCERPT));
        text.codePoints().limit(MAX_EXCERPT).forEach(c -> clean.appendCodePoint(
                c == '\n' || c == '\t' || !Character.isISOControl(c) ? c : ' '));
        String kept = clean.length() > MAX_EXCERPT ? clean.substring(0, MAX_EXCERPT) : clean.toString();
        if (Character.isHighSurrogate(kept.charAt(kept.length() - 1))) {
            kept = kept.substring(0, kept.length() - 1);
        }
        return Optional.of(kept);
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
