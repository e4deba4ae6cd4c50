package dev.latchkey.application.port.in;

import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface DeleteWebhookUseCase {
    void delete(WorkspaceId workspaceId, WebhookEndpointId id);
}
