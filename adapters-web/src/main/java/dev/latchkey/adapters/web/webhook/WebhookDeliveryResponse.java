package dev.latchkey.adapters.web.webhook;

import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.domain.webhook.WebhookDelivery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
@Schema(name = "WebhookDelivery")
public record WebhookDeliveryResponse(String id, String eventId, String type,
                                      @Schema(allowableValues = {"pending", "delivered", "failed"}) String status,
                                      int attempts, @Nullable Integer lastResponseCode, @Nullable String lastError,
                                      @Schema(format = "date-time") @Nullable String nextAttemptAt, @Schema(format = "date-time") @Nullable String deliveredAt, @Schema(format = "date-time") String createdAt) {
    public static WebhookDeliveryResponse of(WebhookDelivery d) {
        return new WebhookDeliveryResponse(d.id().toString(), d.eventId(), d.eventType(), d.status().label(), d.attempts(),
                d.lastStatusCode().orElse(null), d.lastError().orElse(null),
                d.status() == WebhookDelivery.Status.PENDING ? d.nextAttemptAt().map(Timestamps::format).orElse(null) : null,
                d.deliveredAt().map(Timestamps::format).orElse(null), Timestamps.format(d.createdAt()));
    }
}
