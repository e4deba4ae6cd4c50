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
public interface ApiKeyRepository extends GenericRepository<ApiKeyRow, UUID> {
    @Query("INSERT INTO api_keys (id, workspace_id, key_hash, hint, created_at) VALUES (:id, :workspaceId, :keyHash, :hint, :createdAt) ON CONFLICT (key_hash) DO NOTHING")
    int insertIfAbsent(UUID id, UUID workspaceId, String keyHash, String hint, Instant createdAt);

    Optional<ApiKeyRow> findByKeyHashAndRevokedAtIsNull(String keyHash);

    List<ApiKeyRow> findByWorkspaceIdAndRevokedAtIsNullOrderByCreatedAt(UUID workspaceId);

    Optional<ApiKeyRow> findByIdAndWorkspaceIdAndRevokedAtIsNull(UUID id, UUID workspaceId);

    /** Records a use, unless one was recorded under a minute ago (a key in use is looked up every 30 s per instance). */
    @Query("UPDATE api_keys SET last_used_at = :now WHERE id = :id AND (last_used_at IS NULL OR last_used_at < CAST(:now AS timestamptz) - interval '1 minute')")
    int markUsed(UUID id, Instant now);

    /** Revokes a live key of the workspace; 0 when there is none. */
    @Query("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND workspace_id = :workspaceId AND revoked_at IS NULL")
    int revoke(UUID id, UUID workspaceId, Instant now);
}
