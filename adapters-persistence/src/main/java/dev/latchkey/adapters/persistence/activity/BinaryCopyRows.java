package dev.latchkey.adapters.persistence.activity;

import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.LoggedActivity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Activity records in PostgreSQL's binary COPY format (the "Binary Format" section of
 * https://www.postgresql.org/docs/current/sql-copy.html): a signature, then per row the field count and each
 * field as its length and bytes in the column type's binary form (-1 for null). Against CSV, neither side
 * formats or parses a UUID, a time or a number as text: the cheapest way a row reaches the table.
 * The field order is {@link ActivityLogPersistenceAdapter}'s column list.
 */
final class BinaryCopyRows {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short FIELDS = 20;
    /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01 UTC. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private ByteBuffer buffer;

    BinaryCopyRows(int rows) {
        buffer = ByteBuffer.allocate(Math.max(64, rows * 256));
        put(SIGNATURE);
        putInt(0); // flags: no OIDs
        putInt(0); // header extension length
    }

    BinaryCopyRows add(LoggedActivity record) {
        Activity a = record.activity();
        putShort(FIELDS);
        uuid(record.id().value());
        putInt(8);
        putLong(micros(a.at()) - POSTGRES_EPOCH_MICROS);
        uuid(a.workspace().value());
        text(a.kind().wireName());
        text(a.linkedAccount().map(id -> id.value()));
        text(a.connector().map(slug -> slug.value()));
        if (a.connection().isPresent()) {
            uuid(a.connection().get().value());
        } else {
            putInt(-1);
        }
        text(a.method());
        text(a.path());
        smallint(a.providerStatus());
        smallint(a.status());
        text(a.problemCode());
        bigint(micros(a.duration()));
        bigint(a.requestBytes());
        bigint(a.responseBytes());
        bool(a.refreshed());
        bool(a.replayed());
        text(a.error());
        text(a.requestId());
        smallint(OptionalInt.of(a.retries()));
        return this;
    }

    /** The rows and the trailer, ready for {@code COPY ... FROM STDIN (FORMAT binary)}. */
    byte[] finish() {
        putShort((short) -1);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private void uuid(UUID value) {
        putInt(16);
        putLong(value.getMostSignificantBits());
        putLong(value.getLeastSignificantBits());
    }

    private void text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length);
        put(utf8);
    }

    private void text(Optional<String> value) {
        if (value.isPresent()) {
            text(value.get());
        } else {
            putInt(-1);
        }
    }

    /** A status that fits the smallint column, or null. */
    private void smallint(OptionalInt status) {
        if (status.isPresent() && status.getAsInt() >= Short.MIN_VALUE && status.getAsInt() <= Short.MAX_VALUE) {
            putInt(2);
            putShort((short) status.getAsInt());
        } else {
            putInt(-1);
        }
    }

    private void bigint(long value) {
        putInt(8);
        putLong(value);
    }

    private void bool(boolean value) {
        putInt(1);
        ensure(1).put((byte) (value ? 1 : 0));
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
    }

    private static long micros(Duration duration) {
        try {
            return duration.toNanos() / 1000;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private void put(byte[] value) {
        ensure(value.length).put(value);
    }

    private void putShort(short value) {
        ensure(2).putShort(value);
    }

    private void putInt(int value) {
        ensure(4).putInt(value);
    }

    private void putLong(long value) {
        ensure(8).putLong(value);
    }

    /** The buffer, grown when it has less than {@code more} bytes left (big-endian, as COPY wants). */
    private ByteBuffer ensure(int more) {
        if (buffer.remaining() < more) {
            buffer = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more)).put(buffer.flip());
        }
        return buffer;
    }
}
