package dev.latchkey.application.port.in;

import dev.latchkey.domain.workspace.ApiKeyId;
import dev.latchkey.domain.workspace.WorkspaceId;

/** The key a caller presented, once found: its workspace, its id and its hint (never the key itself). */
public record ApiKeyPrincipal(WorkspaceId workspaceId, ApiKeyId apiKeyId, String hint) {
}
