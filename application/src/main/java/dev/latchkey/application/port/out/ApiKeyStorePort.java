package dev.latchkey.application.port.out;

import dev.latchkey.domain.workspace.ApiKey;

import java.util.Optional;

public interface ApiKeyStorePort {
    void insert(ApiKey key);

    /** The live (not revoked) key with this hash, in whichever workspace holds it. */
    Optional<ApiKey> findByHash(String hash);
}
