package dev.latchkey.application.port.in;

import dev.latchkey.domain.workspace.ApiKeySecret;

import java.util.Optional;

public interface EnsureDefaultWorkspaceUseCase {
    /**
     * Runs at start-up. With an operator-given key: the workspace {@code default} exists and holds
     * that key (idempotent). Without one and with no workspace at all: creates {@code default} with a
     * generated key and returns it, to be shown once.
     */
    Optional<WorkspaceWithKey> ensure(Optional<ApiKeySecret> bootstrapKey);
}
