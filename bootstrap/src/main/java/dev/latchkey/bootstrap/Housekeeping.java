package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.PurgeExpiredRevocationsUseCase;
import dev.latchkey.application.port.in.PurgeOldWebhookEventsUseCase;
import dev.latchkey.domain.DatabaseUnavailableException;
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

    public Housekeeping(PurgeExpiredRevocationsUseCase purgeRevocations, PurgeOldWebhookEventsUseCase purgeWebhookEvents) {
        this.purgeRevocations = purgeRevocations;
        this.purgeWebhookEvents = purgeWebhookEvents;
    }

    @Scheduled(initialDelay = "2m", fixedDelay = "1h")
    void purgeOldWebhookEvents() {
        try {
            int purged = purgeWebhookEvents.purge();
            if (purged > 0) {
                LOG.info("Forgot {} webhook events older than the retention period, with their deliveries", purged);
            }
        } catch (DatabaseUnavailableException e) {
            LOG.debug("Purging webhook events waits for the database"); // the outage itself is logged once, by DatabaseOutage
        }
    }

    @Scheduled(initialDelay = "1m", fixedDelay = "1h")
    void purgeExpiredRevocations() {
        try {
            int purged = purgeRevocations.purge();
            if (purged > 0) {
                LOG.info("Forgot {} revocations of session tokens that have expired", purged);
            }
        } catch (DatabaseUnavailableException e) {
            LOG.debug("Purging revocations waits for the database"); // the outage itself is logged once, by DatabaseOutage
        }
    }
}
