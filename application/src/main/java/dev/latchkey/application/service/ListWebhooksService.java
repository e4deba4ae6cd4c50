package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ListWebhooksUseCase;
import dev.latchkey.application.port.out.WebhookEndpointStorePort;
import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

/** A workspace's webhook endpoints, without their secrets. */
public final class ListWebhooksService implements ListWebhooksUseCase {
    private final WebhookEndpointStorePort endpoints;

    public ListWebhooksService(WebhookEndpointStorePort endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public List<WebhookEndpoint> list(WorkspaceId workspaceId) {
        return endpoints.list(workspaceId);
    }
}
