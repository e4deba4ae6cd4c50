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

    /**
     * A page of a workspace's accounts in id order, after {@code after} (the cursor: the last id seen).
     * {@code COALESCE} rather than {@code :after IS NULL OR ...}: the bound stays the index's range in a
     * generic plan too (a prepared statement's plan after five runs), so a page far down the list reads
     * that page only.
     */
    @Query("""
            SELECT * FROM linked_accounts
            WHERE workspace_id = :workspaceId AND external_id > COALESCE(CAST(:after AS text), '')
            ORDER BY external_id
            LIMIT :limit""")
    List<LinkedAccountRow> page(UUID workspaceId, @Nullable String after, int limit);

    /**
     * The accounts whose id starts with {@code prefix} (as typed) or whose name does (case-insensitively),
     * in id order, after {@code after}. Each half is a range of its own index — [prefix, prefix + U+10FFFF),
     * the largest code point, so the bounds hold whatever the prefix holds and whatever the plan — each cut
     * at the page's size in id order, then merged; not one query with {@code LIKE ... OR LIKE}, whose generic
     * plan walks every account of the workspace when nothing matches (bench/console-search). The name half
     * orders by {@code external_id || ''}, which no index provides: otherwise a generic plan, blind to how
     * few names match, walks the id index in order and tests every name (78 ms at 100,000 accounts).
     */
    @Query("""
            SELECT * FROM linked_accounts
            WHERE workspace_id = :workspaceId AND account_key IN (
                (SELECT account_key FROM linked_accounts
                 WHERE workspace_id = :workspaceId AND external_id > COALESCE(CAST(:after AS text), '')
                   AND external_id >= CAST(:prefix AS text) AND external_id < (CAST(:prefix AS text) || chr(1114111))
                 ORDER BY external_id
                 LIMIT :limit)
                UNION ALL
                (SELECT account_key FROM linked_accounts
                 WHERE workspace_id = :workspaceId AND external_id > COALESCE(CAST(:after AS text), '')
                   AND lower(name) ~>=~ lower(CAST(:prefix AS text)) AND lower(name) ~<~ (lower(CAST(:prefix AS text)) || chr(1114111))
                 ORDER BY external_id || ''
                 LIMIT :limit))
            ORDER BY external_id
            LIMIT :limit""")
    List<LinkedAccountRow> search(UUID workspaceId, @Nullable String after, String prefix, int limit);

    int deleteByWorkspaceIdAndExternalId(UUID workspaceId, String externalId);
}
