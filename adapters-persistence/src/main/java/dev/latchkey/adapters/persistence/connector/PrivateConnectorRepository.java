package dev.latchkey.adapters.persistence.connector;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PrivateConnectorRepository extends GenericRepository<PrivateConnectorRow, UUID> {
    @Query("""
            INSERT INTO private_connectors (workspace_id, slug, source, created_at, updated_at)
            VALUES (:workspaceId, :slug, CAST(:source AS jsonb), now(), now())
            ON CONFLICT (workspace_id, slug) DO NOTHING""")
    int insertIfAbsent(UUID workspaceId, String slug, String source);

    @Query("UPDATE private_connectors SET source = CAST(:source AS jsonb), updated_at = now() WHERE workspace_id = :workspaceId AND slug = :slug")
    int replace(UUID workspaceId, String slug, String source);

    @Query("SELECT * FROM private_connectors WHERE workspace_id = :workspaceId AND slug = :slug")
    Optional<PrivateConnectorRow> find(UUID workspaceId, String slug);

    @Query("SELECT * FROM private_connectors WHERE workspace_id = :workspaceId ORDER BY slug")
    List<PrivateConnectorRow> all(UUID workspaceId);

    @Query("DELETE FROM private_connectors WHERE workspace_id = :workspaceId AND slug = :slug")
    int delete(UUID workspaceId, String slug);
}
