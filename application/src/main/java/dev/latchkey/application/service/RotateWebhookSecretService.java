package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreatedWebhookResult;
import dev.latchkey.application.port.in.RotateWebhookSecretUseCase;
import dev.latchkey.application.port.out.WebhookEndpointStorePort;
import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.webhook.WebhookSecret;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.security.SecureRandom;

/** Replaces a webhook endpoint's signing secret with a new one, shown this once. */
public final class RotateWebhookSecretService implements RotateWebhookSecretUseCase {
    private final WebhookEndpointStorePort endpoints;
    private final SecureRandom random;

    public RotateWebhookSecretService(WebhookEndpointStorePort endpoints, SecureRandom random) {
        this.endpoints = endpoints;
        this.random = random;
    }

    @Override
    public CreatedWebhookResult rotateSecret(WorkspaceId workspaceId, WebhookEndpointId id) {
        WebhookEndpoint endpoint = WebhookEndpoints.existing(endpoints, workspaceId, id);
        WebhookSecret secret = WebhookSecret.generate(random);
        if (!endpoints.replaceSecret(workspaceId, id, secret)) {
            throw WebhookEndpoints.notFound(id);
        }
        return new CreatedWebhookResult(endpoint, secret);
    }
}
