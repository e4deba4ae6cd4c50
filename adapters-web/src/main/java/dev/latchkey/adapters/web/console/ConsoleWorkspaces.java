package dev.latchkey.adapters.web.console;

import dev.latchkey.application.port.in.ListWorkspacesUseCase;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The workspaces the console shows. An operator with a role in every workspace sees them all (as with
 * the admin API); a role limited to some ({@code admin@acme=group}) shows those. The user picks one;
 * every page under {@code /console/workspaces/{id}} is scoped to that one.
 */
@Singleton
@Requires(beans = ConsoleSettings.class)
public class ConsoleWorkspaces {
    private final ListWorkspacesUseCase workspaces;

    public ConsoleWorkspaces(ListWorkspacesUseCase workspaces) {
        this.workspaces = workspaces;
    }

    /** The workspaces the user has a role in. */
    public List<Workspace> all(ConsoleSession session) {
        return workspaces.list().stream().filter(w -> session.grants().in(w.name().value()).isPresent()).toList();
    }

    /** The workspace a path names; an unknown or malformed id, or one the user has no role in, is the 404 page. */
    public Workspace require(String id, ConsoleSession session) {
        return all(session).stream().filter(w -> w.id().toString().equals(id)).findFirst()
                .orElseThrow(() -> new ConsoleRefusedException(ConsoleRefusedException.Reason.NOT_FOUND));
    }
}
