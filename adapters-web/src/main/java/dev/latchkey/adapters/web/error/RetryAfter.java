package dev.latchkey.adapters.web.error;

import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connection.RefreshInProgressException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code Retry-After} (RFC 9110, in seconds) on every problem that tells the caller to try again later,
 * so a client can act on the header instead of reading the text. Used by the Micronaut handlers and
 * by the proxy's own answers alike.
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** When to try again after this failure, if it says. */
    public static Optional<Duration> of(Throwable e) {
        return switch (e) {
            case ProviderException provider -> provider.retryAfter();
            case RefreshInProgressException busy -> Optional.of(busy.retryAfter());
            default -> Optional.empty();
        };
    }

    /** Whole seconds, rounded up, at least 1. */
    public static String seconds(Duration after) {
        return Long.toString(Math.max(1, (after.toMillis() + 999) / 1000));
    }

    /** 503 {@code refresh_in_progress}: another request's refresh of the token did not finish in time. */
    public static Problem refreshInProgress(RefreshInProgressException e) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "refresh_in_progress", e.getMessage());
    }

    public static <T> MutableHttpResponse<T> header(MutableHttpResponse<T> response, Optional<Duration> after) {
        after.ifPresent(a -> response.header(HttpHeaders.RETRY_AFTER, seconds(a)));
        return response;
    }
}
