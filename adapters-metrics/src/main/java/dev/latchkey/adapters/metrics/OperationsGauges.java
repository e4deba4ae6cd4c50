package dev.latchkey.adapters.metrics;

import dev.latchkey.application.port.in.MeasureOperationsUseCase;
import dev.latchkey.application.port.in.OperationsSnapshot;
import dev.latchkey.domain.connection.ConnectionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * Gauges of what lives in the database: connections by status, the webhook outbox's depth and the age
 * of its oldest pending delivery, and whether the last measurement reached the database. They show
 * the last {@link #refresh()} (run on a schedule), so a scrape never runs a query. While the database
 * is away the counts keep their last values and {@code latchkey_database_up} is 0.
 */
public final class OperationsGauges {
    private static final Logger LOG = LoggerFactory.getLogger(OperationsGauges.class);
    private final MeasureOperationsUseCase measure;
    private volatile OperationsSnapshot last = new OperationsSnapshot(Map.of(), 0, Duration.ZERO);
    private volatile boolean databaseUp;

    public OperationsGauges(MeasureOperationsUseCase measure, MeterRegistry registry) {
        this.measure = measure;
        for (ConnectionStatus status : ConnectionStatus.values()) {
            Gauge.builder("latchkey.connections", this, gauges -> gauges.last.connectionsByStatus().get(status))
                    .description("Connections in each status, over every workspace").tag("status", status.label()).register(registry);
        }
        Gauge.builder("latchkey.webhook.outbox.pending", this, gauges -> gauges.last.pendingDeliveries())
                .description("Webhook deliveries waiting to be made").register(registry);
        Gauge.builder("latchkey.webhook.outbox.oldest.pending.age", this, gauges -> gauges.last.oldestPendingAge().toMillis() / 1000.0)
                .description("How long the oldest pending webhook delivery has waited; 0 when none waits").baseUnit("seconds").register(registry);
        Gauge.builder("latchkey.database.up", this, gauges -> gauges.databaseUp ? 1 : 0)
                .description("1 when the last measurement of these gauges reached the database, 0 when it failed").register(registry);
    }

    /** Measures again; a failure keeps the last values and marks the database down. Never throws. */
    public void refresh() {
        try {
            last = measure.measure();
            databaseUp = true;
        } catch (RuntimeException e) {
            if (databaseUp) {
                LOG.warn("Could not measure the connections and the webhook outbox for the metrics ({})", e.getClass().getSimpleName());
            }
            databaseUp = false;
        }
    }
}
