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

    public ProviderException(Kind kind, String providerError, String message) {
        this(kind, providerError, message, null);
    }

    /** @param retryAfter how long the provider asked us to wait ({@code Retry-After}, rate-limit reset), or null */
    public ProviderException(Kind kind, String providerError, String message, Duration retryAfter) {
        super(message);
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
