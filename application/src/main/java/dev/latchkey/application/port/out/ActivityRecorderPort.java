package dev.latchkey.application.port.out;

import dev.latchkey.domain.activity.Activity;

/**
 * Where activity records go: the activity log, the metrics. Called on the request path, so an
 * implementation never blocks and never slows or fails the call it records: it queues, counts, or
 * drops (and counts the drop).
 */
public interface ActivityRecorderPort {
    void record(Activity activity);
}
