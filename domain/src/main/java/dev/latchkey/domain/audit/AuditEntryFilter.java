package dev.latchkey.domain.audit;

import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which audit entries to list.
 *
 * @param workspace one workspace's entries; empty for every workspace's and the operator's own (the admin API only)
 * @param since entries made at or after this instant
 * @param until entries made before this instant
 */
public record AuditEntryFilter(Optional<WorkspaceId> workspace, Optional<ActorFilter> actor, Optional<String> action,
                               Optional<AuditOutcome> outcome, Optional<Instant> since, Optional<Instant> until) {
    public AuditEntryFilter {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
    }

    /** Everything one workspace's audit log holds. */
    public static AuditEntryFilter all(WorkspaceId workspace) {
        return new AuditEntryFilter(Optional.of(workspace), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public boolean matches(AuditEntry entry) {
        return (workspace.isEmpty() || workspace.equals(entry.workspace()))
                && actor.map(a -> a.matches(entry.actor())).orElse(true)
                && action.map(a -> a.equals(entry.action())).orElse(true)
                && outcome.map(o -> o == entry.outcome()).orElse(true)
                && since.map(s -> !entry.at().isBefore(s)).orElse(true)
                && until.map(u -> entry.at().isBefore(u)).orElse(true);
    }
}
