package dev.latchkey.domain.activity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The id of one stored activity record, given when it is queued for the log: time-ordered (the UUIDv7
 * layout of RFC 9562, milliseconds first), so the log's indexes grow at their end instead of taking
 * every insert at a random page. Not a secret: a record is found only within its workspace.
 */
public record ActivityId(UUID value) {
    public ActivityId {
        Objects.requireNonNull(value, "value");
    }

    /** A new id for the record of what started at {@code at}: 48 bits of its milliseconds, the version, 74 random bits. */
    public static ActivityId of(Instant at) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (at.toEpochMilli() << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new ActivityId(new UUID(high, low));
    }

    /** The millisecond a time-ordered id (version 7, as {@link #of} makes) names; empty for an id of another layout. */
    public Optional<Instant> millisecond() {
        return value.version() == 7 ? Optional.of(Instant.ofEpochMilli(value.getMostSignificantBits() >>> 16)) : Optional.empty();
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
