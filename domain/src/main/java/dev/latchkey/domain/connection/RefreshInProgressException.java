package dev.latchkey.domain.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * Another request (on this instance or another) has been refreshing the connection's token for longer
 * than a request waits for it (the provider's token endpoint is slow or hung). Nothing is wrong with
 * the connection: try again after {@link #retryAfter()}.
 */
public final class RefreshInProgressException extends RuntimeException {
    private final Duration retryAfter;

    public RefreshInProgressException(Duration waited, Duration retryAfter) {
        super("The connection's token is being refreshed by another request, which has not finished in "
                + Math.max(1, waited.toSeconds()) + " s (the provider's token endpoint is slow); try again in "
                + Math.max(1, retryAfter.toSeconds()) + " s.");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
