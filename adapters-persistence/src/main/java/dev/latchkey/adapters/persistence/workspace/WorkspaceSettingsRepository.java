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

    @Query("""
            INSERT INTO workspace_settings (workspace_id, updated_at, agent_connectors, agent_read_only, agent_calls_per_minute,
                                            agent_actions)
            VALUES (:workspaceId, now(), CAST(:connectors AS jsonb), :readOnly, :callsPerMinute, CAST(:actions AS jsonb))
            ON CONFLICT (workspace_id) DO UPDATE
            SET agent_connectors = EXCLUDED.agent_connectors, agent_read_only = EXCLUDED.agent_read_only,
                agent_calls_per_minute = EXCLUDED.agent_calls_per_minute, agent_actions = EXCLUDED.agent_actions,
                updated_at = EXCLUDED.updated_at""")
    void upsertAgentGuardrails(UUID workspaceId, String connectors, boolean readOnly, int callsPerMinute, String actions);

    Optional<WorkspaceSettingsRow> findByWorkspaceId(UUID workspaceId);
}
