package dev.latchkey.application.service;

import dev.latchkey.application.port.in.MeasureOperationsUseCase;
import dev.latchkey.application.port.in.OperationsSnapshot;
import dev.latchkey.application.port.out.OperationalStatsPort;
import dev.latchkey.application.port.out.OperationalStatsPort.PendingDeliveries;

import java.time.Clock;
import java.time.Duration;

/**
 * Two grouped queries for the operator's gauges. The metrics poll this on a schedule and show the
 * last answer, so a scrape never costs a query and a slow database never slows a scrape.
 */
public final class MeasureOperationsService implements MeasureOperationsUseCase {
    private final OperationalStatsPort stats;
    private final Clock clock;

    public MeasureOperationsService(OperationalStatsPort stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public OperationsSnapshot measure() {
        PendingDeliveries pending = stats.pendingDeliveries();
        Duration age = pending.oldestCreatedAt()
                .map(oldest -> Duration.between(oldest, clock.instant()))
                .filter(waited -> !waited.isNegative())
                .orElse(Duration.ZERO);
        return new OperationsSnapshot(stats.connectionsByStatus(), pending.count(), age);
    }
}
