package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateWebhookCommand;
import dev.latchkey.application.port.in.CreateWebhookUseCase;
import dev.latchkey.application.port.in.CreatedWebhookResult;
import dev.latchkey.application.port.in.DeleteWebhookUseCase;
import dev.latchkey.application.port.in.ListWebhookDeliveriesUseCase;
import dev.latchkey.application.port.in.ListWebhooksUseCase;
import dev.latchkey.application.port.in.RedeliverWebhookUseCase;
import dev.latchkey.application.port.in.RotateWebhookSecretUseCase;
import dev.latchkey.application.port.out.WebhookDeliveryStorePort;
import dev.latchkey.application.port.out.WebhookEndpointStorePort;
import dev.latchkey.application.port.out.WebhookSenderPort;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.webhook.WebhookDelivery;
import dev.latchkey.domain.webhook.WebhookDeliveryId;
import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.webhook.WebhookSecret;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A workspace's webhook endpoints and their deliveries. A URL must be https (plain http only when
 * the operator allows private networks) and pass the outbound guard when it is registered; the
 * guard checks it again at every delivery, since DNS answers change.
 */
public final class ManageWebhooksService implements CreateWebhookUseCase, ListWebhooksUseCase, DeleteWebhookUseCase,
        RotateWebhookSecretUseCase, ListWebhookDeliveriesUseCase, RedeliverWebhookUseCase {
    static final int MAX_URL_LENGTH = 2048;
    static final int DELIVERIES_SHOWN = 100;

    private final WebhookEndpointStorePort endpoints;
    private final WebhookDeliveryStorePort deliveries;
    private final WebhookSenderPort sender;
    private final SecureRandom random;
    private final Clock clock;

    public ManageWebhooksService(WebhookEndpointStorePort endpoints, WebhookDeliveryStorePort deliveries, WebhookSenderPort sender,
                                 SecureRandom random, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.sender = sender;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public CreatedWebhookResult create(CreateWebhookCommand command) {
        Violations v = new Violations();
        URI url = v.check("url", () -> url(command.url()));
        if (url != null) {
            sender.refusal(url).ifPresent(why -> v.add("url", why));
        }
        WebhookEndpoint endpoint = v.check("events", () -> new WebhookEndpoint(WebhookEndpointId.random(), command.workspaceId(),
                url == null ? URI.create("https://invalid.example") : url, command.events(), clock.instant()));
        v.throwIfAny();
        WebhookSecret secret = WebhookSecret.generate(random);
        endpoints.insert(endpoint, secret);
        return new CreatedWebhookResult(endpoint, secret);
    }

    @Override
    public List<WebhookEndpoint> list(WorkspaceId workspaceId) {
        return endpoints.list(workspaceId);
    }

    @Override
    public void delete(WorkspaceId workspaceId, WebhookEndpointId id) {
        if (!endpoints.delete(workspaceId, id)) {
            throw notFound(id);
        }
    }

    @Override
    public CreatedWebhookResult rotateSecret(WorkspaceId workspaceId, WebhookEndpointId id) {
        WebhookEndpoint endpoint = endpoint(workspaceId, id);
        WebhookSecret secret = WebhookSecret.generate(random);
        if (!endpoints.replaceSecret(workspaceId, id, secret)) {
            throw notFound(id);
        }
        return new CreatedWebhookResult(endpoint, secret);
    }

    @Override
    public List<WebhookDelivery> deliveries(WorkspaceId workspaceId, WebhookEndpointId id) {
        endpoint(workspaceId, id);
        return deliveries.listByEndpoint(workspaceId, id, DELIVERIES_SHOWN);
    }

    @Override
    public WebhookDelivery redeliver(WorkspaceId workspaceId, WebhookEndpointId endpointId, WebhookDeliveryId deliveryId) {
        endpoint(workspaceId, endpointId);
        Instant now = clock.instant();
        if (!deliveries.reschedule(workspaceId, endpointId, deliveryId, now, now.plus(WebhookDelivery.RETRY_WINDOW))) {
            throw deliveryNotFound(deliveryId);
        }
        return deliveries.find(workspaceId, endpointId, deliveryId).orElseThrow(() -> deliveryNotFound(deliveryId));
    }

    private WebhookEndpoint endpoint(WorkspaceId workspaceId, WebhookEndpointId id) {
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

    private static NotFoundException notFound(WebhookEndpointId id) {
        return new NotFoundException("webhook_not_found", "No webhook '" + id + "' exists in this workspace.");
    }

    private static NotFoundException deliveryNotFound(WebhookDeliveryId id) {
        return new NotFoundException("webhook_delivery_not_found", "No delivery '" + id + "' exists for this webhook.");
    }
}
