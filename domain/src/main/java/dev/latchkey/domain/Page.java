package dev.latchkey.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a listing in a stable order, and where the next one starts if there is one. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
