package dev.latchkey.application.port.in;

import dev.latchkey.domain.activity.ActivityId;
import dev.latchkey.domain.activity.LoggedActivity;
import dev.latchkey.domain.workspace.WorkspaceId;

/** One record of the workspace's activity log; {@code activity_not_found} for another workspace's. */
public interface GetActivityUseCase {
    LoggedActivity get(WorkspaceId workspaceId, ActivityId id);
}
