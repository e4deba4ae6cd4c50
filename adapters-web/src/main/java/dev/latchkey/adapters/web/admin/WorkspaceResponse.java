package dev.latchkey.adapters.web.admin;

import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
public record WorkspaceResponse(String id, String name, String environment, @Schema(format = "date-time") String createdAt) {
    static WorkspaceResponse of(Workspace workspace) {
        return new WorkspaceResponse(workspace.id().toString(), workspace.name().value(), workspace.environment().label(),
                Timestamps.format(workspace.createdAt()));
    }
}
