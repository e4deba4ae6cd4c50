package dev.latchkey.adapters.persistence.session;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RevokedSessionRepository extends GenericRepository<RevokedSessionRow, String> {
    @Query("INSERT INTO revoked_session_tokens (token_id, workspace_id, expires_at) VALUES (:tokenId, :workspaceId, :expiresAt) ON CONFLICT DO NOTHING")
    int insertIfAbsent(String tokenId, UUID workspaceId, Instant expiresAt);

    boolean existsByTokenId(String tokenId);

    int deleteByExpiresAtLessThan(Instant instant);
}
