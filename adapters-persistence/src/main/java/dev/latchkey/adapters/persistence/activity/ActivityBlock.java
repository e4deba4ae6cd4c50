package dev.latchkey.adapters.persistence.activity;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.ActivityId;
import dev.latchkey.domain.activity.ActivityKind;
import dev.latchkey.domain.activity.LoggedActivity;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The records of one activity block ({@code V18__activity_log_blocks.sql}) as one byte string, big-endian:
 * <pre>
 * block  := version:u8 (1) · count:i32 · record{count}
 * record := id:16 bytes · started_at:i64 (µs since 1970) · kind:u8 (0 proxy, 1 refresh, 2 webhook, 3 mcp)
 *           · linked_account:text · connector:text · connection:(u8 0 | u8 1 · 16 bytes) · method:text · path:text
 *           · provider_status:i16 (-1 none) · status:i16 (-1 none) · problem_code:text · duration:i64 (µs)
 *           · request_bytes:i64 · response_bytes:i64 · flags:u8 (1 refreshed, 2 replayed) · error:text
 *           · request_id:text · retries:i16 · provider_duration:i64 (µs, -1 none)
 * text   := length:i32 (-1 absent) · UTF-8 bytes
 * </pre>
 * The workspace is the block's, not repeated per record. The SQL function {@code activity_record_bytes}
 * writes the same layout (the migration and test data use it); a test holds the two to each other.
 */
final class ActivityBlock {
    private static final byte VERSION = 1;
    private static final ActivityKind[] KINDS = {ActivityKind.PROXY, ActivityKind.REFRESH, ActivityKind.WEBHOOK, ActivityKind.MCP};

    private ActivityBlock() {
    }

    static byte[] encode(List<LoggedActivity> records) {
        Writer out = new Writer(64 + records.size() * 160);
        out.u8(VERSION);
        out.i32(records.size());
        for (LoggedActivity record : records) {
            Activity a = record.activity();
            out.uuid(record.id().value());
            out.i64(micros(a.at()));
            out.u8(kindCode(a.kind()));
            out.text(a.linkedAccount().map(LinkedAccountId::value));
            out.text(a.connector().map(ConnectorSlug::value));
            if (a.connection().isPresent()) {
                out.u8(1);
                out.uuid(a.connection().get().value());
            } else {
                out.u8(0);
            }
            out.text(a.method());
            out.text(a.path());
            out.i16(a.providerStatus().orElse(-1));
            out.i16(a.status().orElse(-1));
            out.text(a.problemCode());
            out.i64(a.duration().toNanos() / 1000);
            out.i64(a.requestBytes());
            out.i64(a.responseBytes());
            out.u8((a.refreshed() ? 1 : 0) | (a.replayed() ? 2 : 0));
            out.text(a.error());
            out.text(a.requestId());
            out.i16(a.retries());
            out.i64(a.providerDuration().map(d -> d.toNanos() / 1000).orElse(-1L));
        }
        return out.bytes();
    }

    /** @throws IllegalStateException when the bytes are no block of this layout */
    static List<LoggedActivity> decode(WorkspaceId workspace, byte[] block) {
        try {
            ByteBuffer in = ByteBuffer.wrap(block);
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalStateException("an activity block of version " + version + ", this build reads " + VERSION);
            }
            int count = in.getInt();
            List<LoggedActivity> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ActivityId id = new ActivityId(new UUID(in.getLong(), in.getLong()));
                Activity.Builder a = Activity.of(Instant.EPOCH.plus(in.getLong(), ChronoUnit.MICROS), workspace, KINDS[in.get()]);
                text(in).map(LinkedAccountId::new).ifPresent(a::linkedAccount);
                text(in).map(ConnectorSlug::new).ifPresent(a::connector);
                if (in.get() == 1) {
                    a.connection(new ConnectionId(new UUID(in.getLong(), in.getLong())));
                }
                text(in).ifPresent(a::method);
                text(in).ifPresent(a::path);
                status(in).ifPresent(a::providerStatus);
                status(in).ifPresent(a::status);
                text(in).ifPresent(a::problemCode);
                a.duration(Duration.of(in.getLong(), ChronoUnit.MICROS));
                a.requestBytes(in.getLong());
                a.responseBytes(in.getLong());
                byte flags = in.get();
                a.refreshed((flags & 1) != 0).replayed((flags & 2) != 0);
                text(in).ifPresent(a::error);
                text(in).ifPresent(a::requestId);
                a.retries(in.getShort());
                long providerMicros = in.getLong();
                if (providerMicros >= 0) {
                    a.providerDuration(Duration.of(providerMicros, ChronoUnit.MICROS));
                }
                records.add(new LoggedActivity(id, a.build()));
            }
            if (in.hasRemaining()) {
                throw new IllegalStateException("an activity block with " + in.remaining() + " bytes after its last record");
            }
            return records;
        } catch (BufferUnderflowException | ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IllegalStateException("an activity block that does not decode: " + e.getClass().getSimpleName(), e);
        }
    }

    private static int kindCode(ActivityKind kind) {
        return switch (kind) {
            case PROXY -> 0;
            case REFRESH -> 1;
            case WEBHOOK -> 2;
            case MCP -> 3;
        };
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
    }

    private static OptionalInt status(ByteBuffer in) {
        short status = in.getShort();
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    private static Optional<String> text(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return Optional.empty();
        }
        String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return Optional.of(text);
    }

    /** A growing big-endian buffer: cheaper than a ByteArrayOutputStream under a DataOutputStream (no lock, no copy per field). */
    private static final class Writer {
        private byte[] bytes;
        private int size;

        Writer(int capacity) {
            bytes = new byte[capacity];
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void u8(int value) {
            room(1);
            bytes[size++] = (byte) value;
        }

        void i16(int value) {
            room(2);
            bytes[size++] = (byte) (value >>> 8);
            bytes[size++] = (byte) value;
        }

        void i32(int value) {
            room(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        void i64(long value) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        void uuid(UUID value) {
            i64(value.getMostSignificantBits());
            i64(value.getLeastSignificantBits());
        }

        void text(Optional<String> value) {
            if (value.isEmpty()) {
                i32(-1);
                return;
            }
            byte[] utf8 = value.get().getBytes(StandardCharsets.UTF_8);
            i32(utf8.length);
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
