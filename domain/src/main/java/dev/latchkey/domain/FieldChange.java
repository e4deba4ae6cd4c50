package dev.latchkey.domain;

import java.util.Optional;
import java.util.function.Function;

/** A field of a partial update: left as it is, or set to a value (empty clears it). */
public sealed interface FieldChange<T> {
    record Keep<T>() implements FieldChange<T> {
    }

    record Set<T>(Optional<T> value) implements FieldChange<T> {
    }

    static <T> FieldChange<T> keep() {
        return new Keep<>();
    }

    static <T> FieldChange<T> set(Optional<T> value) {
        return new Set<>(value);
    }

    default Optional<T> applyTo(Optional<T> current) {
        return switch (this) {
            case Keep<T> k -> current;
            case Set<T> s -> s.value();
        };
    }

    default <R> FieldChange<R> map(Function<T, R> mapper) {
        return switch (this) {
            case Keep<T> k -> keep();
            case Set<T> s -> set(s.value().map(mapper));
        };
    }
}
