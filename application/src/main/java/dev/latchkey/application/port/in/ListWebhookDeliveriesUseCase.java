package dev.latchkey.application.port.in;

import dev.latchkey.domain.webhook.WebhookDelivery;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

public interface ListWebhookDeliveriesUseCase {
    /** The endpoint's latest deliveries, newest first. */
    List<WebhookDelivery> deliveries(WorkspaceId workspaceId, WebhookEndpointId id);
}
