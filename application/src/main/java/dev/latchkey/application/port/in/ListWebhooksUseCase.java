package dev.latchkey.application.port.in;

import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

public interface ListWebhooksUseCase {
    List<WebhookEndpoint> list(WorkspaceId workspaceId);
}
