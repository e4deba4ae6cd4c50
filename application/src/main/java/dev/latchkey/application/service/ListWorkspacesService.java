package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ListWorkspacesUseCase;
import dev.latchkey.application.port.out.WorkspaceStorePort;
import dev.latchkey.domain.workspace.Workspace;

import java.util.List;

/** Every workspace, for the operator. */
public final class ListWorkspacesService implements ListWorkspacesUseCase {
    private final WorkspaceStorePort workspaces;

    public ListWorkspacesService(WorkspaceStorePort workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    public List<Workspace> list() {
        return workspaces.listAll();
    }
}
