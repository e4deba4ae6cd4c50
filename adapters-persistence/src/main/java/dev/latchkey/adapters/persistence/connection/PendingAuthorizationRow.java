package dev.latchkey.adapters.persistence.connection;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("pending_authorizations")
public record PendingAuthorizationRow(
        @Id String stateHash,
        UUID workspaceId,
        UUID accountKey,
        String accountId,
        String connector,
        String authType,
        @TypeDef(type = DataType.JSON) String params,
        @Nullable String codeVerifier,
        String mode,
        @Nullable String returnUrl,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "PendingAuthorizationRow[connector=" + connector + ", expiresAt=" + expiresAt + "]";
    }
}
