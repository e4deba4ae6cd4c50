package dev.latchkey.adapters.persistence.workspace;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiKeyRepository extends GenericRepository<ApiKeyRow, UUID> {
    ApiKeyRow save(ApiKeyRow row);

    Optional<ApiKeyRow> findByKeyHashAndRevokedAtIsNull(String keyHash);
}
