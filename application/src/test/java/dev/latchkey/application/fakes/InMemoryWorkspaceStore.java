package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.WorkspaceStorePort;
import dev.latchkey.domain.workspace.Workspace;
import dev.latchkey.domain.workspace.WorkspaceId;
import dev.latchkey.domain.workspace.WorkspaceName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Workspaces in insertion order; names are unique, as in the database. */
public final class InMemoryWorkspaceStore implements WorkspaceStorePort {
    private final Map<WorkspaceId, Workspace> byId = new LinkedHashMap<>();
    private Runnable beforeNextInsert;

    /**
     * Runs {@code race} just before the next insert writes, as if another instance had committed
     * in between the caller's read and its write.
     */
    public void beforeNextInsert(Runnable race) {
        this.beforeNextInsert = race;
    }

    @Override
    public boolean insert(Workspace workspace) {
        if (beforeNextInsert != null) {
            Runnable race = beforeNextInsert;
            beforeNextInsert = null;
            race.run();
        }
        if (byId.containsKey(workspace.id()) || findByName(workspace.name()).isPresent()) {
            return false;
        }
        byId.put(workspace.id(), workspace);
        return true;
    }

    @Override
    public Optional<Workspace> find(WorkspaceId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Workspace> findByName(WorkspaceName name) {
        return byId.values().stream().filter(w -> w.name().equals(name)).findFirst();
    }

    @Override
    public List<Workspace> listAll() {
        return new ArrayList<>(byId.values());
    }

    @Override
    public boolean anyExists() {
        return !byId.isEmpty();
    }
}
