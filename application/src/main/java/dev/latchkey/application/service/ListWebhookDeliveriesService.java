package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ListWebhookDeliveriesUseCase;
import dev.latchkey.application.port.out.WebhookDeliveryStorePort;
import dev.latchkey.application.port.out.WebhookEndpointStorePort;
import dev.latchkey.domain.webhook.WebhookDelivery;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

/** A webhook endpoint's latest deliveries, at most {@value #DELIVERIES_SHOWN}. */
public final class ListWebhookDeliveriesService implements ListWebhookDeliveriesUseCase {
    static final int DELIVERIES_SHOWN = 100;

    private final WebhookEndpointStorePort endpoints;
    private final WebhookDeliveryStorePort deliveries;

    public ListWebhookDeliveriesService(WebhookEndpointStorePort endpoints, WebhookDeliveryStorePort deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @Override
    public List<WebhookDelivery> deliveries(WorkspaceId workspaceId, WebhookEndpointId id) {
        WebhookEndpoints.existing(endpoints, workspaceId, id);
        return deliveries.listByEndpoint(workspaceId, id, DELIVERIES_SHOWN);
    }
}
