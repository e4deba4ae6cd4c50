package dev.latchkey.application.port.in;

import dev.latchkey.domain.webhook.WebhookDelivery;
import dev.latchkey.domain.webhook.WebhookDeliveryId;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.workspace.WorkspaceId;

/** Sends a delivery again: pending, due now, retried for another 24 hours; same event id. */
public interface RedeliverWebhookUseCase {
    WebhookDelivery redeliver(WorkspaceId workspaceId, WebhookEndpointId endpointId, WebhookDeliveryId deliveryId);
}
