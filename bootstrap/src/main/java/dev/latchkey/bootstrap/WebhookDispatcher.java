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
 * {@code latchkey.webhooks.dispatcher.enabled=false} and call the use case themselves.
 */
@Singleton
@Requires(property = "latchkey.webhooks.dispatcher.enabled", notEquals = "false")
public class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private final DispatchWebhooksUseCase dispatch;

    public WebhookDispatcher(DispatchWebhooksUseCase dispatch) {
        this.dispatch = dispatch;
    }

    @Scheduled(initialDelay = "${latchkey.webhooks.interval:2s}", fixedDelay = "${latchkey.webhooks.interval:2s}")
    void dispatchDue() {
        try {
            // A full batch means more may be due: keep going until the backlog is drained.
            while (dispatch.dispatchDue() >= 20) {
                LOG.debug("Dispatched a full batch of webhook deliveries; looking for more");
            }
        } catch (DatabaseUnavailableException e) {
            LOG.debug("Dispatching webhooks waits for the database"); // the outage itself is logged once, by DatabaseOutage
        } catch (RuntimeException e) {
            LOG.warn("Dispatching webhooks failed ({}); retrying at the next tick", e.getClass().getSimpleName(), e);
        }
    }
}
