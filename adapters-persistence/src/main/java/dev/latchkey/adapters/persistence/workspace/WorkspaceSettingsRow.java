package dev.latchkey.adapters.persistence.workspace;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("workspace_settings")
public record WorkspaceSettingsRow(@Id UUID workspaceId, @TypeDef(type = DataType.JSON) String allowedOrigins, Instant updatedAt) {
}
