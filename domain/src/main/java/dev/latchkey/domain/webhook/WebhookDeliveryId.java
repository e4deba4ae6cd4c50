package dev.latchkey.domain.webhook;

import dev.latchkey.domain.Uuids;

import java.util.Objects;
import java.util.UUID;

public record WebhookDeliveryId(UUID value) {
    public WebhookDeliveryId {
        Objects.requireNonNull(value, "webhook delivery id");
    }

    public static WebhookDeliveryId random() {
        return new WebhookDeliveryId(UUID.randomUUID());
    }

    public static WebhookDeliveryId parse(String text) {
        return new WebhookDeliveryId(Uuids.parseCanonical(text, "must be a webhook delivery id (a UUID)"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
