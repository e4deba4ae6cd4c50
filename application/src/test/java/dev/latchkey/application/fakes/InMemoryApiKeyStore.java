package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.application.port.out.WorkspaceStorePort;
import dev.latchkey.domain.workspace.ApiKey;
import dev.latchkey.domain.workspace.ApiKeyId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/**
 * API keys with the database's two constraints: a hash is unique, and a key belongs to a
 * workspace that exists.
 */
public final class InMemoryApiKeyStore implements ApiKeyStorePort {
    private final WorkspaceStorePort workspaces;
    private final List<ApiKey> keys = new ArrayList<>();
    private final Set<ApiKeyId> revoked = new HashSet<>();

    public InMemoryApiKeyStore(WorkspaceStorePort workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    public boolean insert(ApiKey key) {
        if (workspaces.find(key.workspaceId()).isEmpty()) {
            throw new IllegalStateException("foreign key violation: no workspace " + key.workspaceId());
        }
        if (findByHash(key.hash()).isPresent()) {
            return false;
        }
        keys.add(key);
        return true;
    }

    @Override
    public Optional<ApiKey> findByHash(String hash) {
        return keys.stream().filter(k -> k.hash().equals(hash) && !revoked.contains(k.id())).findFirst();
    }

    @Override
    public List<ApiKey> listLive(WorkspaceId workspaceId) {
        return keys.stream().filter(k -> k.workspaceId().equals(workspaceId) && !revoked.contains(k.id()))
                .sorted(Comparator.comparing(ApiKey::createdAt)).toList();
    }

    @Override
    public Optional<ApiKey> revoke(WorkspaceId workspaceId, ApiKeyId keyId, Instant now) {
        Optional<ApiKey> live = listLive(workspaceId).stream().filter(k -> k.id().equals(keyId)).findFirst();
        live.ifPresent(k -> revoked.add(k.id()));
        return live;
    }

    @Override
    public void markUsed(ApiKeyId keyId, Instant now) {
        keys.replaceAll(k -> k.id().equals(keyId)
                ? new ApiKey(k.id(), k.workspaceId(), k.hash(), k.hint(), k.createdAt(), Optional.of(now)) : k);
    }

    public List<ApiKey> all() {
        return List.copyOf(keys);
    }

    public List<ApiKey> of(WorkspaceId workspaceId) {
        return keys.stream().filter(k -> k.workspaceId().equals(workspaceId)).toList();
    }
}
