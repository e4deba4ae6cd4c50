package dev.latchkey.client;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list, as Latchkey answers it: {@code {"data": [...], "next_cursor": "..." | null}}.
 *
 * @param nextCursor the cursor of the next page, or null on the last one
 */
public record Page<T>(List<T> data, String nextCursor) {
    public Page {
        data = data == null ? List.of() : List.copyOf(data);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextCursor).filter(c -> !c.isEmpty());
    }
}
