package dev.latchkey.adapters.persistence.workspace;

import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.application.port.out.WorkspaceStorePort;
import dev.latchkey.domain.workspace.ApiKey;
import dev.latchkey.domain.workspace.ApiKeyId;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.Workspace;
import dev.latchkey.domain.workspace.WorkspaceId;
import dev.latchkey.domain.workspace.WorkspaceName;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

@Singleton
@TranslatesDatabaseFailures
public class WorkspacePersistenceAdapter implements WorkspaceStorePort, ApiKeyStorePort {
    private final WorkspaceRepository workspaces;
    private final ApiKeyRepository keys;

    public WorkspacePersistenceAdapter(WorkspaceRepository workspaces, ApiKeyRepository keys) {
        this.workspaces = workspaces;
        this.keys = keys;
    }

    @Override
    public boolean insert(Workspace workspace) {
        return workspaces.insertIfAbsent(workspace.id().value(), workspace.name().value(),
                workspace.environment().label(), workspace.createdAt()) == 1;
    }

    @Override
    public Optional<Workspace> find(WorkspaceId id) {
        return workspaces.findById(id.value()).map(WorkspacePersistenceAdapter::toDomain);
    }

    @Override
    public Optional<Workspace> findByName(WorkspaceName name) {
        return workspaces.findByName(name.value()).map(WorkspacePersistenceAdapter::toDomain);
    }

    @Override
    public List<Workspace> listAll() {
        return workspaces.listOrderByName().stream().map(WorkspacePersistenceAdapter::toDomain).toList();
    }

    @Override
    public boolean anyExists() {
        return workspaces.anyExists();
    }

    @Override
    public boolean insert(ApiKey key) {
        return keys.insertIfAbsent(key.id().value(), key.workspaceId().value(), key.hash(), key.hint(), key.createdAt()) == 1;
    }

    @Override
    public Optional<ApiKey> findByHash(String hash) {
        return keys.findByKeyHashAndRevokedAtIsNull(hash).map(WorkspacePersistenceAdapter::toDomain);
    }

    @Override
    public List<ApiKey> listLive(WorkspaceId workspaceId) {
        return keys.findByWorkspaceIdAndRevokedAtIsNullOrderByCreatedAt(workspaceId.value()).stream()
                .map(WorkspacePersistenceAdapter::toDomain).toList();
    }

    @Override
    public Optional<ApiKey> revoke(WorkspaceId workspaceId, ApiKeyId keyId, java.time.Instant now) {
        return keys.findByIdAndWorkspaceIdAndRevokedAtIsNull(keyId.value(), workspaceId.value())
                .filter(row -> keys.revoke(row.id(), row.workspaceId(), now) == 1)
                .map(WorkspacePersistenceAdapter::toDomain);
    }

    @Override
    public void markUsed(ApiKeyId keyId, java.time.Instant now) {
        keys.markUsed(keyId.value(), now);
    }

    private static ApiKey toDomain(ApiKeyRow row) {
        return new ApiKey(new ApiKeyId(row.id()), new WorkspaceId(row.workspaceId()), row.keyHash(), row.hint(), row.createdAt(),
                Optional.ofNullable(row.lastUsedAt()));
    }

    private static Workspace toDomain(WorkspaceRow row) {
        return new Workspace(new WorkspaceId(row.id()), new WorkspaceName(row.name()), Environment.parse(row.environment()), row.createdAt());
    }
}
