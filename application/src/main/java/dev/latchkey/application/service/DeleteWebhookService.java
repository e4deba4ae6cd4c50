package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DeleteWebhookUseCase;
import dev.latchkey.application.port.out.WebhookEndpointStorePort;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.workspace.WorkspaceId;

/** Deletes a workspace's webhook endpoint. */
public final class DeleteWebhookService implements DeleteWebhookUseCase {
    private final WebhookEndpointStorePort endpoints;

    public DeleteWebhookService(WebhookEndpointStorePort endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void delete(WorkspaceId workspaceId, WebhookEndpointId id) {
        if (!endpoints.delete(workspaceId, id)) {
            throw WebhookEndpoints.notFound(id);
        }
    }
}
