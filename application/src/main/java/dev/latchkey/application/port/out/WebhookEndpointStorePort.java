package dev.latchkey.application.port.out;

import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.webhook.WebhookSecret;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Optional;

/** A workspace's webhook endpoints; their signing secrets are stored encrypted and only written here, never read back. */
public interface WebhookEndpointStorePort {
    void insert(WebhookEndpoint endpoint, WebhookSecret secret);

    /** Oldest first. */
    List<WebhookEndpoint> list(WorkspaceId workspaceId);

    Optional<WebhookEndpoint> find(WorkspaceId workspaceId, WebhookEndpointId id);

    /** Also forgets its deliveries. */
    boolean delete(WorkspaceId workspaceId, WebhookEndpointId id);

    boolean replaceSecret(WorkspaceId workspaceId, WebhookEndpointId id, WebhookSecret secret);
}
