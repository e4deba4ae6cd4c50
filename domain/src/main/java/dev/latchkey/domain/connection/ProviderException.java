package dev.latchkey.domain.connection;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider answered a token, revocation or verification request with a failure.
 * {@link Kind#REJECTED}: it refused the credentials or the grant ({@code invalid_grant},
 * {@code access_denied}, a 401 on verification) — only the customer can fix that.
 * {@link Kind#UNAVAILABLE}: it could not be reached or failed (5xx, timeout) — try again later.
 * The message is safe to show: it never holds a secret.
 */
public final class ProviderException extends RuntimeException {
    public enum Kind { REJECTED, UNAVAILABLE }

    private final Kind kind;
    private final String providerError;
    private final Duration retryAfter;
    private final boolean rateLimited;

    public ProviderException(Kind kind, String providerError, String message) {
        this(kind, providerError, message, null);
    }

    /** @param retryAfter how long the provider asked us to wait ({@code Retry-After}, rate-limit reset), or null */
    public ProviderException(Kind kind, String providerError, String message, Duration retryAfter) {
        this(kind, providerError, message, retryAfter, false);
    }

    private ProviderException(Kind kind, String providerError, String message, Duration retryAfter, boolean rateLimited) {
        super(message);
        this.rateLimited = rateLimited;
        this.kind = kind;
        this.providerError = providerError;
        this.retryAfter = retryAfter == null || retryAfter.isNegative() ? null : retryAfter;
    }

    public static ProviderException rejected(String providerError, String message) {
        return new ProviderException(Kind.REJECTED, providerError, message);
    }

    public static ProviderException unavailable(String message) {
        return new ProviderException(Kind.UNAVAILABLE, "unavailable", message);
    }

    /** UNAVAILABLE with the provider's hint of when to try again. */
    public static ProviderException unavailable(String message, Duration retryAfter) {
        return new ProviderException(Kind.UNAVAILABLE, "unavailable", message, retryAfter);
    }

    /**
     * UNAVAILABLE because the provider is limiting us (its connector's {@code rate_limit} recognised the answer):
     * nobody calls it again before the wait it signalled, when it signalled one.
     */
    public static ProviderException rateLimited(String message, Optional<Duration> wait) {
        return new ProviderException(Kind.UNAVAILABLE, "rate_limited", message, wait.orElse(null), true);
    }

    /** Whether the provider said it is limiting us (rather than failing). */
    public boolean rateLimited() {
        return rateLimited;
    }

    public Kind kind() {
        return kind;
    }

    /** The provider's error code, such as {@code invalid_grant}, or {@code unavailable}. */
    public String providerError() {
        return providerError;
    }

    /** How long the provider asked us to wait before trying again, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
