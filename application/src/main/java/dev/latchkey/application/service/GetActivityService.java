package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetActivityUseCase;
import dev.latchkey.application.port.out.ActivityLogStorePort;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.activity.ActivityId;
import dev.latchkey.domain.activity.LoggedActivity;
import dev.latchkey.domain.workspace.WorkspaceId;

public final class GetActivityService implements GetActivityUseCase {
    private final ActivityLogStorePort log;

    public GetActivityService(ActivityLogStorePort log) {
        this.log = log;
    }

    @Override
    public LoggedActivity get(WorkspaceId workspaceId, ActivityId id) {
        return log.find(workspaceId, id).orElseThrow(() -> new NotFoundException("activity_not_found",
                "No activity record '" + id + "' in this workspace (records are kept for the retention period only)."));
    }
}
