package dev.latchkey.adapters.persistence.outage;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the database is away, and the two log lines an operator needs about it: one WARN when the
 * first call fails to reach it, one when the first call reaches it again (with how long it was
 * away). Requests that fail in between are answered 503 and logged no further, so an outage under
 * load is two lines, not a stack trace per request.
 */
@Singleton
public class DatabaseOutage {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);
    private static final long NONE = Long.MIN_VALUE;

    /** {@link System#nanoTime()} of the first failure of the ongoing outage, or {@link #NONE}. */
    private final AtomicLong since = new AtomicLong(NONE);

    /** A call could not reach the database; {@code cause} says why (the first one is logged). */
    public void failed(Throwable cause) {
        failed(Optional.ofNullable(cause.getMessage()).orElse(cause.getClass().getSimpleName()));
    }

    /** A call could not reach the database, for {@code reason} (the first one is logged). */
    public void failed(String reason) {
        if (since.compareAndSet(NONE, System.nanoTime())) {
            LOG.warn("Database unavailable ({}); requests that need it are answered 503 database_unavailable until it is back", reason);
        }
    }

    /** A call reached the database. */
    public void succeeded() {
        if (since.get() == NONE) {
            return; // the usual case: one volatile read
        }
        long began = since.getAndSet(NONE);
        if (began != NONE) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began);
            LOG.warn("Database available again after {} s", seconds);
        }
    }

    public boolean ongoing() {
        return since.get() != NONE;
    }
}
