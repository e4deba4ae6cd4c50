package dev.latchkey.adapters.persistence.connector;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ConnectorSettingsRepository extends GenericRepository<ConnectorSettingsRow, UUID> {
    @Query("""
            INSERT INTO connector_settings (workspace_id, connector, enabled, client_id, client_secret_key_id,
                                            client_secret_ciphertext, scopes, updated_at)
            VALUES (:workspaceId, :connector, :enabled, :clientId, :keyId, :ciphertext, CAST(:scopes AS jsonb), now())
            ON CONFLICT (workspace_id, connector) DO UPDATE
            SET enabled = EXCLUDED.enabled, client_id = EXCLUDED.client_id, client_secret_key_id = EXCLUDED.client_secret_key_id,
                client_secret_ciphertext = EXCLUDED.client_secret_ciphertext, scopes = EXCLUDED.scopes,
                updated_at = EXCLUDED.updated_at""")
    void upsert(UUID workspaceId, String connector, boolean enabled, @Nullable String clientId, @Nullable String keyId,
                @Nullable byte[] ciphertext, String scopes);

    @Query("SELECT * FROM connector_settings WHERE workspace_id = :workspaceId AND connector = :connector")
    Optional<ConnectorSettingsRow> find(UUID workspaceId, String connector);

    @Query("SELECT * FROM connector_settings WHERE workspace_id = :workspaceId ORDER BY connector")
    List<ConnectorSettingsRow> all(UUID workspaceId);

    /** Client secrets under another key than the current one, locked for this transaction; rows other instances hold are skipped. */
    @Query("""
            SELECT * FROM connector_settings
            WHERE client_secret_key_id IS NOT NULL AND client_secret_key_id <> :currentKeyId
            ORDER BY workspace_id, connector LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<ConnectorSettingsRow> claimUnderOtherKeys(String currentKeyId, int limit);

    @Query("""
            UPDATE connector_settings SET client_secret_key_id = :keyId, client_secret_ciphertext = :ciphertext
            WHERE workspace_id = :workspaceId AND connector = :connector""")
    int reencrypt(UUID workspaceId, String connector, String keyId, byte[] ciphertext);

    @Query("SELECT count(*) FROM connector_settings WHERE client_secret_key_id IS NOT NULL AND client_secret_key_id <> :currentKeyId")
    long countUnderOtherKeys(String currentKeyId);

    @Query("DELETE FROM connector_settings WHERE workspace_id = :workspaceId AND connector = :connector")
    int delete(UUID workspaceId, String connector);
}
