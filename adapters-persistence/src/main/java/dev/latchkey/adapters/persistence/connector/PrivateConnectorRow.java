package dev.latchkey.adapters.persistence.connector;

import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/** Keyed by (workspace_id, slug); read through queries only. */
@MappedEntity("private_connectors")
public record PrivateConnectorRow(
        UUID workspaceId,
        String slug,
        @TypeDef(type = DataType.JSON) String source,
        Instant createdAt,
        Instant updatedAt) {
}
