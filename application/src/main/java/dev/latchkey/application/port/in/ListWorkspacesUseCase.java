package dev.latchkey.application.port.in;

import dev.latchkey.domain.workspace.Workspace;

import java.util.List;

public interface ListWorkspacesUseCase {
    List<Workspace> list();
}
