package dev.latchkey.domain.connection;

import dev.latchkey.domain.Uuids;

import java.util.Objects;
import java.util.UUID;

public record ConnectionId(UUID value) {
    public ConnectionId {
        Objects.requireNonNull(value, "connection id");
    }

    public static ConnectionId random() {
        return new ConnectionId(UUID.randomUUID());
    }

    public static ConnectionId parse(String text) {
        return new ConnectionId(Uuids.parseCanonical(text, "must be a connection id (a UUID)"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
