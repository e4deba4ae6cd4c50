package dev.latchkey.domain.session;

import java.time.Duration;

/** How long a session token lives: 60 seconds to 24 hours, an hour unless asked otherwise. */
public record SessionTtl(Duration value) {
    public static final long MIN_SECONDS = 60;
    public static final long MAX_SECONDS = 86_400;
    public static final SessionTtl DEFAULT = new SessionTtl(Duration.ofHours(1));

    public SessionTtl {
        if (value == null || value.toSeconds() < MIN_SECONDS || value.compareTo(Duration.ofSeconds(MAX_SECONDS)) > 0) {
            throw new IllegalArgumentException("must be between " + MIN_SECONDS + " and " + MAX_SECONDS + " seconds");
        }
    }

    public static SessionTtl ofSeconds(long seconds) {
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("must be between " + MIN_SECONDS + " and " + MAX_SECONDS + " seconds (got " + seconds + ")");
        }
        return new SessionTtl(Duration.ofSeconds(seconds));
    }
}
