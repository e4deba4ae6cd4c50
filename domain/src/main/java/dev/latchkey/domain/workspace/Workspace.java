package dev.latchkey.domain.workspace;

import java.time.Instant;
import java.util.Objects;

/** A tenant: one company's test or live environment. */
public record Workspace(WorkspaceId id, WorkspaceName name, Environment environment, Instant createdAt) {
    public static final WorkspaceName DEFAULT_NAME = new WorkspaceName("default");

    public Workspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
