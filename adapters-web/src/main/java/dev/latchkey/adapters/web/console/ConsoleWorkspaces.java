package dev.latchkey.adapters.web.console;

import dev.latchkey.application.port.in.ListWorkspacesUseCase;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The workspaces the console shows. The operator sees every workspace (as with the admin API) and
 * picks one; every page under {@code /console/workspaces/{id}} is scoped to that one.
 */
@Singleton
@Requires(beans = ConsoleSettings.class)
public class ConsoleWorkspaces {
    private final ListWorkspacesUseCase workspaces;

    public ConsoleWorkspaces(ListWorkspacesUseCase workspaces) {
        this.workspaces = workspaces;
    }

    public List<Workspace> all() {
        return workspaces.list();
    }

    /** The workspace a path names; an unknown or malformed id is the 404 page. */
    public Workspace require(String id) {
        return workspaces.list().stream().filter(w -> w.id().toString().equals(id)).findFirst()
                .orElseThrow(() -> new ConsoleRefusedException(ConsoleRefusedException.Reason.NOT_FOUND));
    }
}
