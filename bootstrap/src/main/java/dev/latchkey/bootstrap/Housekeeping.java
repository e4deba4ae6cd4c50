package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.MaintainActivityLogUseCase;
import dev.latchkey.application.port.in.PurgeExpiredIdempotencyKeysUseCase;
import dev.latchkey.application.port.in.PurgeExpiredRevocationsUseCase;
import dev.latchkey.application.port.in.PurgeOldWebhookEventsUseCase;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Periodic clean-up that keeps tables small. Safe on several instances at once. */
@Singleton
public class Housekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private final PurgeExpiredRevocationsUseCase purgeRevocations;
    private final PurgeOldWebhookEventsUseCase purgeWebhookEvents;
    private final PurgeExpiredIdempotencyKeysUseCase purgeIdempotencyKeys;
    private final MaintainActivityLogUseCase activityLog;
    private final BackgroundWork work;

    public Housekeeping(PurgeExpiredRevocationsUseCase purgeRevocations, PurgeOldWebhookEventsUseCase purgeWebhookEvents,
                        PurgeExpiredIdempotencyKeysUseCase purgeIdempotencyKeys, MaintainActivityLogUseCase activityLog,
                        BackgroundWork work) {
        this.activityLog = activityLog;
        this.purgeRevocations = purgeRevocations;
        this.purgeWebhookEvents = purgeWebhookEvents;
        this.purgeIdempotencyKeys = purgeIdempotencyKeys;
        this.work = work;
    }

    @Scheduled(initialDelay = "2m", fixedDelay = "1h")
    void purgeOldWebhookEvents() {
        work.run(() -> {
            int purged = purgeWebhookEvents.purge();
            if (purged > 0) {
                LOG.info("Forgot {} webhook events older than the retention period, with their deliveries", purged);
            }
        });
    }

    /** The activity log's partitions: today's and the next two days' made at start and hourly; days past the retention dropped. */
    @Scheduled(initialDelay = "0s", fixedDelay = "1h")
    void maintainActivityLog() {
        work.run(() -> {
            int dropped = activityLog.maintain();
            if (dropped > 0) {
                LOG.info("Dropped {} days of the activity log older than the retention period", dropped);
            }
        });
    }

    @Scheduled(initialDelay = "1m", fixedDelay = "1h")
    void purgeExpiredRevocations() {
        work.run(() -> {
            int purged = purgeRevocations.purge();
            if (purged > 0) {
                LOG.info("Forgot {} revocations of session tokens that have expired", purged);
            }
        });
    }

    @Scheduled(initialDelay = "3m", fixedDelay = "1h")
    void purgeExpiredIdempotencyKeys() {
        work.run(() -> {
            int purged = purgeIdempotencyKeys.purge();
            if (purged > 0) {
                LOG.info("Forgot {} idempotency keys older than 24 hours", purged);
            }
        });
    }
}
