package dev.latchkey.application.port.in;

public interface CreateWorkspaceUseCase {
    /** Creates a workspace and its first API key; a taken name is {@code workspace_exists}. */
    WorkspaceWithKey create(CreateWorkspaceCommand command);
}
