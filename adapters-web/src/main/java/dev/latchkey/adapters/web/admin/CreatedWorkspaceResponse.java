package dev.latchkey.adapters.web.admin;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record CreatedWorkspaceResponse(WorkspaceResponse workspace, ApiKeyResponse apiKey) {
}
