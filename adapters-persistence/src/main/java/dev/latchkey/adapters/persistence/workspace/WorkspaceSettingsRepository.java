package dev.latchkey.adapters.persistence.workspace;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WorkspaceSettingsRepository extends GenericRepository<WorkspaceSettingsRow, UUID> {
    @Query("""
            INSERT INTO workspace_settings (workspace_id, allowed_origins, updated_at)
            VALUES (:workspaceId, CAST(:allowedOrigins AS jsonb), now())
            ON CONFLICT (workspace_id) DO UPDATE
            SET allowed_origins = EXCLUDED.allowed_origins, updated_at = EXCLUDED.updated_at""")
    void upsertAllowedOrigins(UUID workspaceId, String allowedOrigins);

    Optional<WorkspaceSettingsRow> findByWorkspaceId(UUID workspaceId);
}
