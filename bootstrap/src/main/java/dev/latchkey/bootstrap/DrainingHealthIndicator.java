package dev.latchkey.bootstrap;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** {@code /health} is DOWN (503) once a stop has begun, so load balancers send this instance nothing new. */
@Singleton
public class DrainingHealthIndicator implements HealthIndicator {
    private final GracefulShutdown shutdown;

    public DrainingHealthIndicator(GracefulShutdown shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("shutdown", shutdown.draining() ? HealthStatus.DOWN : HealthStatus.UP).build());
    }
}
