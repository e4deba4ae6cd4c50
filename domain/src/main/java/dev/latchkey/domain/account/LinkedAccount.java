package dev.latchkey.domain.account;

import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One customer of the company, under the company's own id. Connections hang off it. */
public record LinkedAccount(
        WorkspaceId workspaceId,
        LinkedAccountId id,
        LinkedAccountKey key,
        Optional<AccountName> name,
        Metadata metadata,
        Instant createdAt,
        Instant updatedAt) {

    public LinkedAccount {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt must not be before createdAt");
        }
    }

    public static LinkedAccount create(WorkspaceId workspaceId, LinkedAccountId id, Optional<AccountName> name,
                                       Metadata metadata, Instant now) {
        return new LinkedAccount(workspaceId, id, LinkedAccountKey.random(), name, metadata, now, now);
    }

    public LinkedAccount renamed(Optional<AccountName> newName, Instant now) {
        return new LinkedAccount(workspaceId, id, key, newName, metadata, createdAt, later(now));
    }

    public LinkedAccount withMetadata(Metadata newMetadata, Instant now) {
        return new LinkedAccount(workspaceId, id, key, name, newMetadata, createdAt, later(now));
    }

    private Instant later(Instant now) {
        return now.isBefore(createdAt) ? createdAt : now;
    }
}
