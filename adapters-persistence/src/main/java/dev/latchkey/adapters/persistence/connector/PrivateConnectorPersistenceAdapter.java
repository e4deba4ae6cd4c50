package dev.latchkey.adapters.persistence.connector;

import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.PrivateConnectorStorePort;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A workspace's private connectors, kept as the JSON definition it sent (jsonb). */
@Singleton
@TranslatesDatabaseFailures
public class PrivateConnectorPersistenceAdapter implements PrivateConnectorStorePort {
    private final PrivateConnectorRepository repository;
    private final JsonColumns json;

    public PrivateConnectorPersistenceAdapter(PrivateConnectorRepository repository, JsonColumns json) {
        this.repository = repository;
        this.json = json;
    }

    @Override
    public boolean insert(WorkspaceId workspaceId, ConnectorSlug slug, Map<String, Object> source) {
        return repository.insertIfAbsent(workspaceId.value(), slug.value(), json.object(source)) == 1;
    }

    @Override
    public boolean replace(WorkspaceId workspaceId, ConnectorSlug slug, Map<String, Object> source) {
        return repository.replace(workspaceId.value(), slug.value(), json.object(source)) == 1;
    }

    @Override
    public Optional<Map<String, Object>> find(WorkspaceId workspaceId, ConnectorSlug slug) {
        return repository.find(workspaceId.value(), slug.value()).map(row -> json.object(row.source()));
    }

    /** Ordered by slug. */
    @Override
    public List<Map<String, Object>> all(WorkspaceId workspaceId) {
        return repository.all(workspaceId.value()).stream().map(row -> json.object(row.source())).toList();
    }

    @Override
    public boolean delete(WorkspaceId workspaceId, ConnectorSlug slug) {
        return repository.delete(workspaceId.value(), slug.value()) == 1;
    }
}
