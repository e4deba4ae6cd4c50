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
        /** Plain: only rows written before the verifier was encrypted (V7), until they expire. */
        @Nullable String codeVerifier,
        @Nullable String codeVerifierKeyId,
        @Nullable byte[] codeVerifierCiphertext,
        String mode,
        @Nullable String returnUrl,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "PendingAuthorizationRow[connector=" + connector + ", expiresAt=" + expiresAt + "]";
    }
}
