package dev.latchkey.application.port.in;

import dev.latchkey.domain.audit.AuditEntryFilter;

import java.util.Objects;
import java.util.Optional;

/**
 * @param limit at most {@link #MAX_EXPORT_LIMIT} (an export's page); the list API allows {@link #MAX_LIMIT}
 * @param cursor the {@code next_cursor} of the previous page, opaque to callers
 */
public record ListAuditEntriesQuery(AuditEntryFilter filter, int limit, Optional<String> cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    public static final int MAX_EXPORT_LIMIT = 1000;

    public ListAuditEntriesQuery {
        Objects.requireNonNull(filter, "filter");
        if (limit < 1 || limit > MAX_EXPORT_LIMIT) {
            throw new IllegalArgumentException("must be between 1 and " + MAX_EXPORT_LIMIT);
        }
        Objects.requireNonNull(cursor, "cursor");
    }
}
