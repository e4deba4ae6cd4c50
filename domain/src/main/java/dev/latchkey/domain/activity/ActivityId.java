package dev.latchkey.domain.activity;

import java.util.Objects;
import java.util.UUID;

/** The id of one stored activity record, given when it is queued for the log. */
public record ActivityId(UUID value) {
    public ActivityId {
        Objects.requireNonNull(value, "value");
    }

    public static ActivityId random() {
        return new ActivityId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException when the text is no activity id */
    public static ActivityId parse(String text) {
        try {
            if (text == null || text.length() != 36) {
                throw new IllegalArgumentException("not a UUID");
            }
            return new ActivityId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be an activity record id (a UUID) from GET /v1/logs");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
