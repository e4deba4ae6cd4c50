package dev.latchkey.adapters.persistence.workspace;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WorkspaceRepository extends GenericRepository<WorkspaceRow, UUID> {
    @Query("INSERT INTO workspaces (id, name, environment, created_at) VALUES (:id, :name, :environment, :createdAt) ON CONFLICT (name) DO NOTHING")
    int insertIfAbsent(UUID id, String name, String environment, Instant createdAt);

    Optional<WorkspaceRow> findById(UUID id);

    Optional<WorkspaceRow> findByName(String name);

    List<WorkspaceRow> listOrderByName();

    @Query("SELECT EXISTS (SELECT 1 FROM workspaces)")
    boolean anyExists();
}
