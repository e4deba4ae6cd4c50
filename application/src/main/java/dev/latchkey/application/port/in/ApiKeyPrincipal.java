package dev.latchkey.application.port.in;

import dev.latchkey.domain.workspace.ApiKeyId;
import dev.latchkey.domain.workspace.WorkspaceId;

public record ApiKeyPrincipal(WorkspaceId workspaceId, ApiKeyId apiKeyId) {
}
