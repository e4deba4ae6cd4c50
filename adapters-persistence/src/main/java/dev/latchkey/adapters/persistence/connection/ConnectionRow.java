package dev.latchkey.adapters.persistence.connection;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("connections")
public record ConnectionRow(
        @Id UUID id,
        UUID workspaceId,
        UUID accountKey,
        String connector,
        String authType,
        String status,
        @Nullable String identifier,
        @TypeDef(type = DataType.JSON) String scopes,
        @TypeDef(type = DataType.JSON) String params,
        @TypeDef(type = DataType.JSON) String tokenValues,
        String credentialsKeyId,
        byte[] credentialsCiphertext,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant lastRefreshedAt,
        @Nullable String lastError,
        @Nullable Instant tokenExpiresAt,
        @Nullable Instant nextRefreshAt,
        int refreshFailures) {

    @Override
    public String toString() {
        return "ConnectionRow[id=" + id + ", connector=" + connector + ", keyId=" + credentialsKeyId + "]";
    }
}
