package dev.latchkey.bootstrap;

import dev.latchkey.adapters.metrics.OperationsGauges;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Measures the database gauges every 15 seconds (a Prometheus scrape interval), never per scrape. */
@Singleton
public class OperationsMetrics {
    private final OperationsGauges gauges;

    public OperationsMetrics(OperationsGauges gauges) {
        this.gauges = gauges;
    }

    @Scheduled(initialDelay = "1s", fixedDelay = "15s")
    void measure() {
        gauges.refresh();
    }
}
