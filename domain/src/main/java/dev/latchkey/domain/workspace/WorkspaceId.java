package dev.latchkey.domain.workspace;

import dev.latchkey.domain.Uuids;

import java.util.Objects;
import java.util.UUID;

/** The tenant's id. Every stored object and every query is scoped by it. */
public record WorkspaceId(UUID value) {
    public WorkspaceId {
        Objects.requireNonNull(value, "workspace id");
    }

    public static WorkspaceId random() {
        return new WorkspaceId(UUID.randomUUID());
    }

    public static WorkspaceId parse(String text) {
        return new WorkspaceId(Uuids.parseCanonical(text, "must be a workspace id (a UUID)"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
