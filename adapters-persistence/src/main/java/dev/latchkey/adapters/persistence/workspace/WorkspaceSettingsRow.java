package dev.latchkey.adapters.persistence.workspace;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/** @param agentConnectors null: every enabled connector; @param agentActions null: every action (AgentGuardrails) */
@MappedEntity("workspace_settings")
public record WorkspaceSettingsRow(@Id UUID workspaceId, @TypeDef(type = DataType.JSON) String allowedOrigins, Instant updatedAt,
                                   @Nullable @TypeDef(type = DataType.JSON) String agentConnectors, boolean agentReadOnly,
                                   int agentCallsPerMinute, @Nullable @TypeDef(type = DataType.JSON) String agentActions) {
}
