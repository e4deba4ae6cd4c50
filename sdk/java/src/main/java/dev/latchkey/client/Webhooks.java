package dev.latchkey.client;

import com.fasterxml.jackson.databind.JavaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.latchkey.client.Transport.segment;

/** {@code /v1/webhooks}: the endpoints Latchkey tells about connections, and their deliveries. Verify them with {@link WebhookVerifier}. */
public final class Webhooks {
    private static final JavaType WEBHOOK = Transport.type(Webhook.class);
    private static final JavaType DELIVERY = Transport.type(WebhookDelivery.class);

    private final Transport transport;

    Webhooks(Transport transport) {
        this.transport = transport;
    }

    /**
     * Registers an endpoint. The answer holds the signing secret ({@link Webhook#secret()}), shown only this once.
     *
     * @param events event types ({@code connection.created}, {@code connection.expired}...), or {@code List.of("*")} for all
     */
    public Webhook create(String url, List<String> events) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("events", events);
        return transport.call("POST", "/v1/webhooks", body, Transport.Repeat.CREATE, WEBHOOK);
    }

    /** The workspace's endpoints, without secrets. */
    public Paged<Webhook> list() {
        return new Paged<>(cursor -> transport.get("/v1/webhooks" + Transport.query("cursor", cursor), Transport.pageOf(Webhook.class)));
    }

    /** Removes it; its pending deliveries are dropped. */
    public void delete(String webhookId) {
        transport.call("DELETE", path(webhookId), null, Transport.Repeat.IDEMPOTENT, null);
    }

    /** A new signing secret, shown only this once; it signs every later attempt. */
    public Webhook rotateSecret(String webhookId) {
        return transport.call("POST", path(webhookId) + "/rotate-secret", null, Transport.Repeat.NEVER, WEBHOOK);
    }

    /** The endpoint's latest deliveries (100), newest first. */
    public Paged<WebhookDelivery> deliveries(String webhookId) {
        return new Paged<>(cursor -> transport.get(path(webhookId) + "/deliveries" + Transport.query("cursor", cursor),
                Transport.pageOf(WebhookDelivery.class)));
    }

    /** Sends a delivery again: pending, due now, with the same event id. */
    public WebhookDelivery redeliver(String webhookId, String deliveryId) {
        return transport.call("POST", path(webhookId) + "/deliveries/" + segment(deliveryId) + "/redeliver", null,
                Transport.Repeat.NEVER, DELIVERY);
    }

    private static String path(String webhookId) {
        return "/v1/webhooks/" + segment(webhookId);
    }
}
