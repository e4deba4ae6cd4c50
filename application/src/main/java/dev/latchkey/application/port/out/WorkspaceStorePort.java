package dev.latchkey.application.port.out;

import dev.latchkey.domain.workspace.Workspace;
import dev.latchkey.domain.workspace.WorkspaceId;
import dev.latchkey.domain.workspace.WorkspaceName;

import java.util.List;
import java.util.Optional;

public interface WorkspaceStorePort {
    /** Inserts a workspace; false when its name is taken (nothing is written then). */
    boolean insert(Workspace workspace);

    Optional<Workspace> find(WorkspaceId id);

    Optional<Workspace> findByName(WorkspaceName name);

    List<Workspace> listAll();

    boolean anyExists();
}
