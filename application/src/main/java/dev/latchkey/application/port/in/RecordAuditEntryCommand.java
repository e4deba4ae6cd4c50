package dev.latchkey.application.port.in;

import dev.latchkey.domain.audit.Actor;
import dev.latchkey.domain.audit.AuditTarget;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Objects;
import java.util.Optional;

/**
 * A change to put on the audit log; the service gives it its id and time. The console records its
 * users' changes with a {@link Actor.ConsoleUser}, an action name of its own and the status it answered.
 */
public record RecordAuditEntryCommand(Optional<WorkspaceId> workspace, Actor actor, String action, AuditTarget target, int status,
                                      Optional<String> clientAddress, Optional<String> requestId) {
    public RecordAuditEntryCommand {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(requestId, "requestId");
    }
}
