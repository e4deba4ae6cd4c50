package dev.latchkey.adapters.persistence.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LinkedAccountRepository extends GenericRepository<LinkedAccountRow, UUID> {
    @Query("""
            INSERT INTO linked_accounts (account_key, workspace_id, external_id, name, metadata, created_at, updated_at)
            VALUES (:accountKey, :workspaceId, :externalId, :name, CAST(:metadata AS jsonb), :createdAt, :updatedAt)
            ON CONFLICT (workspace_id, external_id) DO NOTHING""")
    int insertIfAbsent(UUID accountKey, UUID workspaceId, String externalId, @Nullable String name, String metadata,
                       Instant createdAt, Instant updatedAt);

    @Query("""
            UPDATE linked_accounts SET name = :name, metadata = CAST(:metadata AS jsonb), updated_at = :updatedAt
            WHERE workspace_id = :workspaceId AND account_key = :accountKey""")
    int update(UUID workspaceId, UUID accountKey, @Nullable String name, String metadata, Instant updatedAt);

    Optional<LinkedAccountRow> findByWorkspaceIdAndExternalId(UUID workspaceId, String externalId);

    Optional<LinkedAccountRow> findByWorkspaceIdAndAccountKey(UUID workspaceId, UUID accountKey);

    boolean existsByWorkspaceIdAndAccountKey(UUID workspaceId, UUID accountKey);

    @Query("""
            SELECT * FROM linked_accounts
            WHERE workspace_id = :workspaceId
              AND (CAST(:after AS text) IS NULL OR external_id > CAST(:after AS text))
              AND (CAST(:prefix AS text) IS NULL
                   OR external_id LIKE CAST(:prefix AS text) ESCAPE '\\'
                   OR lower(name) LIKE lower(CAST(:prefix AS text)) ESCAPE '\\')
            ORDER BY external_id
            LIMIT :limit""")
    List<LinkedAccountRow> page(UUID workspaceId, @Nullable String after, @Nullable String prefix, int limit);

    int deleteByWorkspaceIdAndExternalId(UUID workspaceId, String externalId);
}
