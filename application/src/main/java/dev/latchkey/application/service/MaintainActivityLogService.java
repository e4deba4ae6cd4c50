package dev.latchkey.application.service;

import dev.latchkey.application.port.in.MaintainActivityLogUseCase;
import dev.latchkey.application.port.out.ActivityLogStorePort;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The activity log is one partition per UTC day: today's and the next days' are made ahead (so a write
 * never waits for one), and a day older than the retention is dropped whole — no row-by-row delete, no
 * bloat, whatever the volume.
 */
public final class MaintainActivityLogService implements MaintainActivityLogUseCase {
    /** Today and the two days after it. */
    static final int DAYS_AHEAD = 3;

    private final ActivityLogStorePort log;
    private final Clock clock;
    private final int retentionDays;

    /** @param retentionDays how many days of records are kept, today included */
    public MaintainActivityLogService(ActivityLogStorePort log, Clock clock, int retentionDays) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("the activity log's retention must be at least one day");
        }
        this.log = log;
        this.clock = clock;
        this.retentionDays = retentionDays;
    }

    @Override
    public int maintain() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        log.createPartitions(today, DAYS_AHEAD);
        return log.dropPartitionsBefore(today.minusDays(retentionDays - 1L)).size();
    }
}
