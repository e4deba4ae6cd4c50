package dev.latchkey.adapters.persistence.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("linked_accounts")
public record LinkedAccountRow(
        @Id UUID accountKey,
        UUID workspaceId,
        String externalId,
        @Nullable String name,
        @TypeDef(type = DataType.JSON) String metadata,
        Instant createdAt,
        Instant updatedAt) {
}
