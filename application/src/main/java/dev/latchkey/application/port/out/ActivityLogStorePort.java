package dev.latchkey.application.port.out;

import dev.latchkey.domain.activity.ActivityFilter;
import dev.latchkey.domain.activity.ActivityId;
import dev.latchkey.domain.activity.LoggedActivity;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The activity log as stored: read newest first, kept in one partition per UTC day. */
public interface ActivityLogStorePort {

    /** Where a page ended: records strictly older (by start time, then id) come next. */
    record Position(Instant at, ActivityId id) {
        public Position {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(id, "id");
        }
    }

    /** At most {@code limit} records matching the filter, newest first, after {@code after} when given. */
    List<LoggedActivity> list(ActivityFilter filter, Optional<Position> after, int limit);

    /** The record, only if it belongs to the workspace. */
    Optional<LoggedActivity> find(WorkspaceId workspaceId, ActivityId id);

    /** Makes sure the partitions of {@code days} UTC days from {@code firstDay} exist (several instances may do it at once). */
    void createPartitions(LocalDate firstDay, int days);

    /** Drops the partitions of the days before {@code day}; returns the days dropped. */
    List<LocalDate> dropPartitionsBefore(LocalDate day);
}
