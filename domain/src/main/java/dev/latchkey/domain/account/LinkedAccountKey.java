package dev.latchkey.domain.account;

import java.util.Objects;
import java.util.UUID;

/**
 * Latchkey's own key for one incarnation of a linked account. A company may delete a linked account
 * and create it again under the same {@link LinkedAccountId}; grants made for the old one (session
 * tokens, later connections) are bound to this key and so do not come back to life.
 */
public record LinkedAccountKey(UUID value) {
    public LinkedAccountKey {
        Objects.requireNonNull(value, "linked account key");
    }

    public static LinkedAccountKey random() {
        return new LinkedAccountKey(UUID.randomUUID());
    }

    public static LinkedAccountKey parse(String text) {
        return new LinkedAccountKey(dev.latchkey.domain.Uuids.parseCanonical(text, "must be a UUID"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
