package dev.latchkey.domain;

import java.util.Objects;

/**
 * A value refused by its type's constructor, naming the key it was given under ({@code path},
 * {@code min_length}): a reader records the problem at that key's path without reading the key back
 * out of the message.
 */
public class InvalidValueException extends IllegalArgumentException {
    private final String key;

    /** @param message what is wrong, for a person; it names the key too */
    public InvalidValueException(String key, String message) {
        super(message);
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The key, relative to the value being built. */
    public String key() {
        return key;
    }
}
