package dev.latchkey.bootstrap;

import dev.latchkey.application.port.out.ActivityRecorderPort;
import dev.latchkey.application.service.RecordActivityService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.util.List;

/** Observability: every recorder bean (the activity log, the metrics) receives every activity record. */
@Factory
public class ActivityFactory {

    @Singleton
    RecordActivityService recordActivity(List<ActivityRecorderPort> recorders) {
        return new RecordActivityService(recorders);
    }
}
