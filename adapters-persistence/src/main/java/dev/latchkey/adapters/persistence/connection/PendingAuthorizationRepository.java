package dev.latchkey.adapters.persistence.connection;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PendingAuthorizationRepository extends GenericRepository<PendingAuthorizationRow, String> {
    @Query("""
            INSERT INTO pending_authorizations (state_hash, workspace_id, account_key, account_id, connector, auth_type, params,
                                                code_verifier_key_id, code_verifier_ciphertext, mode, return_url, expires_at)
            VALUES (:stateHash, :workspaceId, :accountKey, :accountId, :connector, :authType, CAST(:params AS jsonb),
                    :codeVerifierKeyId, :codeVerifierCiphertext, :mode, :returnUrl, :expiresAt)""")
    void insert(String stateHash, UUID workspaceId, UUID accountKey, String accountId, String connector, String authType,
                String params, @Nullable String codeVerifierKeyId, @Nullable byte[] codeVerifierCiphertext, String mode,
                @Nullable String returnUrl, Instant expiresAt);

    /**
     * Verifiers to re-encrypt, locked for this transaction (rows other instances hold are skipped):
     * under another key than the current one, or still plain (written before V7).
     */
    @Query("""
            SELECT * FROM pending_authorizations
            WHERE code_verifier IS NOT NULL OR code_verifier_key_id <> :currentKeyId
            ORDER BY state_hash LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<PendingAuthorizationRow> claimUnderOtherKeys(String currentKeyId, int limit);

    @Query("""
            UPDATE pending_authorizations SET code_verifier = NULL, code_verifier_key_id = :keyId, code_verifier_ciphertext = :ciphertext
            WHERE state_hash = :stateHash""")
    int reencrypt(String stateHash, String keyId, byte[] ciphertext);

    @Query("SELECT count(*) FROM pending_authorizations WHERE code_verifier IS NOT NULL OR code_verifier_key_id <> :currentKeyId")
    long countUnderOtherKeys(String currentKeyId);

    /** A bounded sweep of expired rows; rows another sweep holds are left to it. */
    @Query("""
            DELETE FROM pending_authorizations WHERE state_hash IN (
                SELECT state_hash FROM pending_authorizations WHERE expires_at <= :now
                LIMIT :limit FOR UPDATE SKIP LOCKED)""")
    int deleteExpired(Instant now, int limit);
}
