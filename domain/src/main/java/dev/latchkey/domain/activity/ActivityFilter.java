package dev.latchkey.domain.activity;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which records of one workspace's activity log to list. {@code status} matches Latchkey's own answer
 * when there was one, else (background refreshes, webhook deliveries) the provider's or endpoint's.
 *
 * @param since records that started at or after this instant
 * @param until records that started before this instant
 */
public record ActivityFilter(WorkspaceId workspaceId, Optional<LinkedAccountId> linkedAccount, Optional<ConnectionId> connection,
                             Optional<ConnectorSlug> connector, Optional<ActivityKind> kind, Optional<StatusRange> status,
                             Optional<Instant> since, Optional<Instant> until) {
    public ActivityFilter {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(linkedAccount, "linkedAccount");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
    }

    /** Whether the record is one this filter lists. */
    public boolean matches(Activity activity) {
        if (!activity.workspace().equals(workspaceId)
                || linkedAccount.isPresent() && !activity.linkedAccount().equals(linkedAccount)
                || connection.isPresent() && !activity.connection().equals(connection)
                || connector.isPresent() && !activity.connector().equals(connector)
                || kind.isPresent() && activity.kind() != kind.get()
                || since.isPresent() && activity.at().isBefore(since.get())
                || until.isPresent() && !activity.at().isBefore(until.get())) {
            return false;
        }
        if (status.isEmpty()) {
            return true;
        }
        OptionalInt answered = activity.answeredStatus();
        return answered.isPresent() && status.get().contains(answered.getAsInt());
    }

    /** Everything the workspace's log holds. */
    public static ActivityFilter all(WorkspaceId workspaceId) {
        return new ActivityFilter(workspaceId, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
