package dev.latchkey.application.port.in;

import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.WorkspaceName;

import java.util.Objects;

public record CreateWorkspaceCommand(WorkspaceName name, Environment environment) {
    public CreateWorkspaceCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(environment, "environment");
    }
}
