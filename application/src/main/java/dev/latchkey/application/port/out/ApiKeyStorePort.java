package dev.latchkey.application.port.out;

import dev.latchkey.domain.workspace.ApiKey;
import dev.latchkey.domain.workspace.ApiKeyId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface ApiKeyStorePort {
    /** Inserts; false when a key with the same hash exists already (nothing written). */
    boolean insert(ApiKey key);

    /** The live (not revoked) key with this hash, in whichever workspace holds it. */
    Optional<ApiKey> findByHash(String hash);

    /** The workspace's live keys, oldest first. */
    List<ApiKey> listLive(WorkspaceId workspaceId);

    /** Marks the workspace's live key revoked at {@code now}; returns it, or empty when there is no such live key in that workspace. */
    Optional<ApiKey> revoke(WorkspaceId workspaceId, ApiKeyId keyId, Instant now);

    /** Records that the key authenticated a request at {@code now}; a store may skip the write when it recorded a use under a minute ago. */
    void markUsed(ApiKeyId keyId, Instant now);
}
