package dev.latchkey.application.port.in;

import dev.latchkey.domain.activity.ActivityFilter;

import java.util.Objects;
import java.util.Optional;

/** @param cursor the {@code next_cursor} of the previous page, opaque to callers */
public record ListActivitiesQuery(ActivityFilter filter, int limit, Optional<String> cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public ListActivitiesQuery {
        Objects.requireNonNull(filter, "filter");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("must be between 1 and " + MAX_LIMIT);
        }
        Objects.requireNonNull(cursor, "cursor");
    }
}
