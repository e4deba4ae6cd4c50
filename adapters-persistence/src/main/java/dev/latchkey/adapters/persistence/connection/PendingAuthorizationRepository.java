package dev.latchkey.adapters.persistence.connection;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PendingAuthorizationRepository extends GenericRepository<PendingAuthorizationRow, String> {
    @Query("""
            INSERT INTO pending_authorizations (state_hash, workspace_id, account_key, account_id, connector, auth_type, params,
                                                code_verifier, mode, return_url, expires_at)
            VALUES (:stateHash, :workspaceId, :accountKey, :accountId, :connector, :authType, CAST(:params AS jsonb),
                    :codeVerifier, :mode, :returnUrl, :expiresAt)""")
    void insert(String stateHash, UUID workspaceId, UUID accountKey, String accountId, String connector, String authType,
                String params, @Nullable String codeVerifier, String mode, @Nullable String returnUrl, Instant expiresAt);

    /** A bounded sweep of expired rows; rows another sweep holds are left to it. */
    @Query("""
            DELETE FROM pending_authorizations WHERE state_hash IN (
                SELECT state_hash FROM pending_authorizations WHERE expires_at <= :now
                LIMIT :limit FOR UPDATE SKIP LOCKED)""")
    int deleteExpired(Instant now, int limit);
}
