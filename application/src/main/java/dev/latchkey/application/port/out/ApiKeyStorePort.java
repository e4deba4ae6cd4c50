package dev.latchkey.application.port.out;

import dev.latchkey.domain.workspace.ApiKey;

import java.util.Optional;

public interface ApiKeyStorePort {
    /** Inserts; false when a key with the same hash exists already (nothing written). */
    boolean insert(ApiKey key);

    /** The live (not revoked) key with this hash, in whichever workspace holds it. */
    Optional<ApiKey> findByHash(String hash);
}
