package dev.latchkey.adapters.web.json;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Every list of the API: {@code {"data": [...], "next_cursor": "..." | null}}. */
@Serdeable
public record ListResponse<T>(List<T> data, @Nullable String nextCursor) {
}
