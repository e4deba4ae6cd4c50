package dev.latchkey.application.service;

import dev.latchkey.application.port.out.WebhookEndpointStorePort;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.webhook.WebhookDeliveryId;
import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What the webhook use cases share: the check of an endpoint URL and the not-found answers. A URL
 * must be https (plain http only when the operator allows private networks) and pass the outbound
 * guard when it is registered; the guard checks it again at every delivery, since DNS answers change.
 */
final class WebhookEndpoints {
    static final int MAX_URL_LENGTH = 2048;

    private WebhookEndpoints() {
    }

    /** The workspace's endpoint, or webhook_not_found: another workspace's endpoint is not found either. */
    static WebhookEndpoint existing(WebhookEndpointStorePort endpoints, WorkspaceId workspaceId, WebhookEndpointId id) {
        return endpoints.find(workspaceId, id).orElseThrow(() -> notFound(id));
    }

    static URI url(String text) {
        if (text.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("must be an absolute https URL, such as https://api.example.com/latchkey/events");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not hold credentials (user:password@); verify the webhook signature instead");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a fragment (#...)");
        }
        return uri;
    }

    static NotFoundException notFound(WebhookEndpointId id) {
        return new NotFoundException("webhook_not_found", "No webhook '" + id + "' exists in this workspace.");
    }

    static NotFoundException deliveryNotFound(WebhookDeliveryId id) {
        return new NotFoundException("webhook_delivery_not_found", "No delivery '" + id + "' exists for this webhook.");
    }
}
