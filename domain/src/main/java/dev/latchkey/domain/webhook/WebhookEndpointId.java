package dev.latchkey.domain.webhook;

import dev.latchkey.domain.Uuids;

import java.util.Objects;
import java.util.UUID;

public record WebhookEndpointId(UUID value) {
    public WebhookEndpointId {
        Objects.requireNonNull(value, "webhook id");
    }

    public static WebhookEndpointId random() {
        return new WebhookEndpointId(UUID.randomUUID());
    }

    public static WebhookEndpointId parse(String text) {
        return new WebhookEndpointId(Uuids.parseCanonical(text, "must be a webhook id (a UUID)"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
