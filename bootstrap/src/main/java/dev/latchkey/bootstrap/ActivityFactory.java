package dev.latchkey.bootstrap;

import dev.latchkey.application.port.out.ActivityLogStorePort;
import dev.latchkey.application.port.out.ActivityRecorderPort;
import dev.latchkey.application.service.GetActivityService;
import dev.latchkey.application.service.ListActivitiesService;
import dev.latchkey.application.service.MaintainActivityLogService;
import dev.latchkey.application.service.RecordActivityService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * Observability: every recorder bean (the activity log, the metrics) receives every activity record;
 * the activity log is read through GET /v1/logs and kept {@code latchkey.activity.retention-days}
 * (LATCHKEY_LOG_RETENTION_DAYS, 14) days.
 */
@Factory
public class ActivityFactory {

    @Singleton
    RecordActivityService recordActivity(List<ActivityRecorderPort> recorders) {
        return new RecordActivityService(recorders);
    }

    @Singleton
    ListActivitiesService listActivities(ActivityLogStorePort log) {
        return new ListActivitiesService(log);
    }

    @Singleton
    GetActivityService getActivity(ActivityLogStorePort log) {
        return new GetActivityService(log);
    }

    @Singleton
    MaintainActivityLogService maintainActivityLog(ActivityLogStorePort log, Clock clock,
                                                   @Value("${latchkey.activity.retention-days:14}") int retentionDays) {
        return new MaintainActivityLogService(log, clock, retentionDays);
    }
}
