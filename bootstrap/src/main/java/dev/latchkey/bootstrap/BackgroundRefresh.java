package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.RefreshExpiringConnectionsUseCase;
import dev.latchkey.domain.DatabaseUnavailableException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes tokens that expire soon, so idle connections do not die. Safe on several instances at
 * once: each run claims different connections. Off with {@code latchkey.refresh.enabled=false}.
 */
@Singleton
@Requires(property = "latchkey.refresh.enabled", notEquals = "false")
public class BackgroundRefresh {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundRefresh.class);

    private final RefreshExpiringConnectionsUseCase refresher;
    private final int batch;

    public BackgroundRefresh(RefreshExpiringConnectionsUseCase refresher, @Value("${latchkey.refresh.batch:50}") int batch) {
        this.refresher = refresher;
        this.batch = batch;
    }

    @Scheduled(initialDelay = "${latchkey.refresh.initial-delay:20s}", fixedDelay = "${latchkey.refresh.interval:30s}")
    void refreshDue() {
        int claimed;
        try {
            do {
                claimed = refresher.refreshDue(batch);
                if (claimed > 0) {
                    LOG.info("Refreshed in the background: {} connections claimed", claimed);
                }
            } while (claimed == batch);
        } catch (DatabaseUnavailableException e) {
            LOG.debug("Background refresh waits for the database"); // the outage itself is logged once, by DatabaseOutage
        }
    }
}
