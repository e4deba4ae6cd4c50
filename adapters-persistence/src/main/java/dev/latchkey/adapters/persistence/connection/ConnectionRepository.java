package dev.latchkey.adapters.persistence.connection;

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
public interface ConnectionRepository extends GenericRepository<ConnectionRow, UUID> {
    @Query("""
            INSERT INTO connections (id, workspace_id, account_key, connector, auth_type, status, identifier, scopes, params,
                                     token_values, credentials_key_id, credentials_ciphertext, created_at, updated_at,
                                     last_refreshed_at, last_error, token_expires_at)
            VALUES (:id, :workspaceId, :accountKey, :connector, :authType, :status, :identifier, CAST(:scopes AS jsonb),
                    CAST(:params AS jsonb), CAST(:tokenValues AS jsonb), :keyId, :ciphertext, :createdAt, :updatedAt,
                    :lastRefreshedAt, :lastError, :tokenExpiresAt)""")
    void insert(UUID id, UUID workspaceId, UUID accountKey, String connector, String authType, String status,
                @Nullable String identifier, String scopes, String params, String tokenValues, String keyId, byte[] ciphertext,
                Instant createdAt, Instant updatedAt, @Nullable Instant lastRefreshedAt, @Nullable String lastError,
                @Nullable Instant tokenExpiresAt);

    @Query("""
            UPDATE connections
            SET connector = :connector, auth_type = :authType, status = :status, identifier = :identifier,
                scopes = CAST(:scopes AS jsonb), params = CAST(:params AS jsonb), token_values = CAST(:tokenValues AS jsonb),
                credentials_key_id = :keyId, credentials_ciphertext = :ciphertext, updated_at = :updatedAt,
                last_refreshed_at = :lastRefreshedAt, last_error = :lastError, token_expires_at = :tokenExpiresAt,
                next_refresh_at = NULL, refresh_failures = 0
            WHERE workspace_id = :workspaceId AND id = :id""")
    int update(UUID workspaceId, UUID id, String connector, String authType, String status, @Nullable String identifier,
               String scopes, String params, String tokenValues, String keyId, byte[] ciphertext, Instant updatedAt,
               @Nullable Instant lastRefreshedAt, @Nullable String lastError, @Nullable Instant tokenExpiresAt);

    /** The row, locked until the transaction ends; another locker waits and then reads the committed row. */
    @Query("SELECT * FROM connections WHERE workspace_id = :workspaceId AND id = :id FOR UPDATE")
    Optional<ConnectionRow> lockForUpdate(UUID workspaceId, UUID id);

    @Query("""
            UPDATE connections SET refresh_failures = :failures, next_refresh_at = :nextRefreshAt
            WHERE workspace_id = :workspaceId AND id = :id""")
    int schedule(UUID workspaceId, UUID id, int failures, @Nullable Instant nextRefreshAt);

    @Query("UPDATE connections SET keep_alive_at = :keepAliveAt WHERE workspace_id = :workspaceId AND id = :id")
    int keepAlive(UUID workspaceId, UUID id, @Nullable Instant keepAliveAt);

    /** Due rows, locked until the transaction ends; rows another claimer or a refresh holds are passed over. */
    @Query("""
            SELECT * FROM connections
            WHERE status = 'active'
              AND ((next_refresh_at IS NULL AND token_expires_at <= :expiringBefore)
                   OR (next_refresh_at IS NULL AND keep_alive_at <= :now)
                   OR next_refresh_at <= :now)
            ORDER BY COALESCE(next_refresh_at, LEAST(token_expires_at, keep_alive_at))
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<ConnectionRow> claimDue(Instant now, Instant expiringBefore, int limit);

    /** The claimed rows' lease: no other instance claims them before it ends, failures kept. */
    @Query("UPDATE connections SET next_refresh_at = :leaseUntil WHERE id IN (:ids)")
    int lease(List<UUID> ids, Instant leaseUntil);

    /** Gives claimed rows back, due at {@code dueAt}, unless their schedule changed since the claim (failures kept). */
    @Query("UPDATE connections SET next_refresh_at = :dueAt WHERE id IN (:ids) AND next_refresh_at = :leaseUntil")
    int releaseLease(List<UUID> ids, Instant leaseUntil, Instant dueAt);

    Optional<ConnectionRow> findByWorkspaceIdAndId(UUID workspaceId, UUID id);

    @Query("SELECT * FROM connections WHERE workspace_id = :workspaceId AND account_key = :accountKey ORDER BY created_at, id")
    List<ConnectionRow> listByAccount(UUID workspaceId, UUID accountKey);

    @Query("""
            SELECT * FROM connections WHERE workspace_id = :workspaceId AND account_key = :accountKey AND connector = :connector
            ORDER BY created_at, id""")
    List<ConnectionRow> listByAccountAndConnector(UUID workspaceId, UUID accountKey, String connector);

    int deleteByWorkspaceIdAndId(UUID workspaceId, UUID id);

    /** Rows under another key than the current one, locked for this transaction; rows other instances hold are skipped. */
    @Query("""
            SELECT * FROM connections WHERE credentials_key_id <> :currentKeyId
            ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<ConnectionRow> claimUnderOtherKeys(String currentKeyId, int limit);

    /** Replaces the ciphertext only: re-encryption is no change of the connection, so updated_at stays. */
    @Query("UPDATE connections SET credentials_key_id = :keyId, credentials_ciphertext = :ciphertext WHERE id = :id")
    int reencrypt(UUID id, String keyId, byte[] ciphertext);

    @Query("SELECT count(*) FROM connections WHERE credentials_key_id <> :currentKeyId")
    long countUnderOtherKeys(String currentKeyId);
}
