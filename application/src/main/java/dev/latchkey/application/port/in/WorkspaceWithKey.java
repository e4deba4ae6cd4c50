package dev.latchkey.application.port.in;

import dev.latchkey.domain.workspace.ApiKey;
import dev.latchkey.domain.workspace.ApiKeySecret;
import dev.latchkey.domain.workspace.Workspace;

/** A workspace with a key just made for it; the secret is shown once and never stored. */
public record WorkspaceWithKey(Workspace workspace, ApiKey key, ApiKeySecret secret) {
}
