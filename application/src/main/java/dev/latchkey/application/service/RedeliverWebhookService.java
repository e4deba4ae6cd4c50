package dev.latchkey.application.service;

import dev.latchkey.application.port.in.RedeliverWebhookUseCase;
import dev.latchkey.application.port.out.WebhookDeliveryStorePort;
import dev.latchkey.application.port.out.WebhookEndpointStorePort;
import dev.latchkey.domain.webhook.WebhookDelivery;
import dev.latchkey.domain.webhook.WebhookDeliveryId;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Instant;

/** Sends a delivery again, now, with a fresh retry window; the dispatcher picks it up as any due delivery. */
public final class RedeliverWebhookService implements RedeliverWebhookUseCase {
    private final WebhookEndpointStorePort endpoints;
    private final WebhookDeliveryStorePort deliveries;
    private final Clock clock;

    public RedeliverWebhookService(WebhookEndpointStorePort endpoints, WebhookDeliveryStorePort deliveries, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public WebhookDelivery redeliver(WorkspaceId workspaceId, WebhookEndpointId endpointId, WebhookDeliveryId deliveryId) {
        WebhookEndpoints.existing(endpoints, workspaceId, endpointId);
        Instant now = clock.instant();
        if (!deliveries.reschedule(workspaceId, endpointId, deliveryId, now, now.plus(WebhookDelivery.RETRY_WINDOW))) {
            throw WebhookEndpoints.deliveryNotFound(deliveryId);
        }
        return deliveries.find(workspaceId, endpointId, deliveryId).orElseThrow(() -> WebhookEndpoints.deliveryNotFound(deliveryId));
    }
}
