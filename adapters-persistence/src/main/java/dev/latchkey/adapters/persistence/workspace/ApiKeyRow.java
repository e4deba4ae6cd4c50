package dev.latchkey.adapters.persistence.workspace;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("api_keys")
public record ApiKeyRow(@Id UUID id, UUID workspaceId, String keyHash, String hint, Instant createdAt, @Nullable Instant revokedAt,
                        @Nullable Instant lastUsedAt) {
}
