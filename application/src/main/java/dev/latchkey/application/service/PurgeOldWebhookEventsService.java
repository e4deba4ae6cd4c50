package dev.latchkey.application.service;

import dev.latchkey.application.port.in.PurgeOldWebhookEventsUseCase;
import dev.latchkey.application.port.out.WebhookDeliveryStorePort;
import dev.latchkey.domain.webhook.WebhookDelivery;

import java.time.Clock;

/** Forgets webhook events older than {@link WebhookDelivery#RETENTION} whose deliveries are done. */
public final class PurgeOldWebhookEventsService implements PurgeOldWebhookEventsUseCase {
    private final WebhookDeliveryStorePort deliveries;
    private final Clock clock;

    public PurgeOldWebhookEventsService(WebhookDeliveryStorePort deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public int purge() {
        return deliveries.purgeEventsBefore(clock.instant().minus(WebhookDelivery.RETENTION));
    }
}
