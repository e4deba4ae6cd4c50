package dev.latchkey.domain.workspace;

import java.time.Instant;
import java.util.Objects;

/** A stored API key: its hash and a hint, never its plaintext. */
public record ApiKey(ApiKeyId id, WorkspaceId workspaceId, String hash, String hint, Instant createdAt) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("hash must be a SHA-256 hex digest");
        }
        Objects.requireNonNull(hint, "hint");
    }

    public static ApiKey of(WorkspaceId workspaceId, ApiKeySecret secret, Instant now) {
        return new ApiKey(ApiKeyId.random(), workspaceId, secret.hash(), secret.hint(), now);
    }
}
