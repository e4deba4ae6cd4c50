package dev.latchkey.application.service;

import dev.latchkey.application.port.in.RecordActivityUseCase;
import dev.latchkey.application.port.out.ActivityRecorderPort;
import dev.latchkey.domain.activity.Activity;

import java.util.List;

/**
 * Hands each record to every recorder (the activity log, the metrics). A recorder that fails is
 * logged and skipped: recording never fails the call it records.
 */
public final class RecordActivityService implements RecordActivityUseCase {
    private static final System.Logger LOG = System.getLogger(RecordActivityService.class.getName());
    private final List<ActivityRecorderPort> recorders;

    public RecordActivityService(List<ActivityRecorderPort> recorders) {
        this.recorders = List.copyOf(recorders);
    }

    @Override
    public void record(Activity activity) {
        for (ActivityRecorderPort recorder : recorders) {
            try {
                recorder.record(activity);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "An activity recorder failed ({0}); the record is lost for it", e.getClass().getSimpleName());
            }
        }
    }
}
