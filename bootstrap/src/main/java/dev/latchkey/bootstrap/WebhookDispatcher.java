package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.DispatchWebhooksUseCase;
import dev.latchkey.domain.DatabaseUnavailableException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due webhook deliveries every {@code latchkey.webhooks.interval} (2 s by default). Every
 * instance runs it; the deliveries are shared through the database. Tests turn it off with
 * {@code latchkey.webhooks.dispatcher.enabled=false} and call the use case themselves. On a stop it
 * claims no more, and gives back the deliveries it claimed and has not sent yet ({@link BackgroundWork}).
 */
@Singleton
@Requires(property = "latchkey.webhooks.dispatcher.enabled", notEquals = "false")
public class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private final DispatchWebhooksUseCase dispatch;
    private final BackgroundWork work;

    public WebhookDispatcher(DispatchWebhooksUseCase dispatch, BackgroundWork work) {
        this.dispatch = dispatch;
        this.work = work;
    }

    @Scheduled(initialDelay = "${latchkey.webhooks.interval:2s}", fixedDelay = "${latchkey.webhooks.interval:2s}")
    void dispatchDue() {
        work.run(() -> {
            try {
                // A full batch means more may be due: keep going until the backlog is drained (or the service stops).
                while (dispatch.dispatchDue(work::stopping) >= 20 && !work.stopping()) {
                    LOG.debug("Dispatched a full batch of webhook deliveries; looking for more");
                }
            } catch (DatabaseUnavailableException e) {
                throw e; // logged once per outage, not per tick
            } catch (RuntimeException e) {
                LOG.warn("Dispatching webhooks failed ({}); retrying at the next tick", e.getClass().getSimpleName(), e);
            }
        });
    }
}
