package dev.latchkey.application.port.in;

import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.workspace.WorkspaceId;

/** A new signing secret replaces the old one at once (also for retries of earlier events). */
public interface RotateWebhookSecretUseCase {
    CreatedWebhookResult rotateSecret(WorkspaceId workspaceId, WebhookEndpointId id);
}
