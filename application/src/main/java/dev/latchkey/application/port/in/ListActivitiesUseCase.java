package dev.latchkey.application.port.in;

import dev.latchkey.domain.Page;
import dev.latchkey.domain.activity.LoggedActivity;

/** The workspace's activity log, newest first, filtered, a page at a time. */
public interface ListActivitiesUseCase {
    Page<LoggedActivity> list(ListActivitiesQuery query);
}
