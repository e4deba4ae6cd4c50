package dev.latchkey.domain.workspace;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored API key: its hash and a hint, never its plaintext.
 *
 * @param lastUsedAt when it last authenticated a request, to the minute; empty when never (or before this was recorded)
 */
public record ApiKey(ApiKeyId id, WorkspaceId workspaceId, String hash, String hint, Instant createdAt, Optional<Instant> lastUsedAt) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("hash must be a SHA-256 hex digest");
        }
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }

    /** A key never used yet. */
    public ApiKey(ApiKeyId id, WorkspaceId workspaceId, String hash, String hint, Instant createdAt) {
        this(id, workspaceId, hash, hint, createdAt, Optional.empty());
    }

    public static ApiKey of(WorkspaceId workspaceId, ApiKeySecret secret, Instant now) {
        return new ApiKey(ApiKeyId.random(), workspaceId, secret.hash(), secret.hint(), now);
    }
}
