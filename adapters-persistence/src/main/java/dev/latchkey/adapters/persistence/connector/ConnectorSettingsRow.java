package dev.latchkey.adapters.persistence.connector;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/** Keyed by (workspace_id, connector); read through queries only. */
@MappedEntity("connector_settings")
public record ConnectorSettingsRow(
        UUID workspaceId,
        String connector,
        boolean enabled,
        @Nullable String clientId,
        @Nullable String clientSecretKeyId,
        @Nullable byte[] clientSecretCiphertext,
        @TypeDef(type = DataType.JSON) String scopes,
        Instant updatedAt) {

    @Override
    public String toString() {
        return "ConnectorSettingsRow[connector=" + connector + ", enabled=" + enabled + ", keyId=" + clientSecretKeyId + "]";
    }
}
