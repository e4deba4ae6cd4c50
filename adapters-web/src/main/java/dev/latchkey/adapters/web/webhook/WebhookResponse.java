package dev.latchkey.adapters.web.webhook;

import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.application.port.in.CreatedWebhookResult;
import dev.latchkey.domain.webhook.WebhookEndpoint;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A webhook endpoint; {@code secret} only in the answers that create it or rotate it, never in a list. */
@Serdeable
@Schema(name = "Webhook")
public record WebhookResponse(String id, String url, List<String> events, @Schema(format = "date-time") String createdAt,
                              @Nullable @Schema(description = "whsec_...: shown once, when created or rotated") String secret) {
    public static WebhookResponse of(WebhookEndpoint endpoint) {
        return new WebhookResponse(endpoint.id().toString(), endpoint.url().toString(), endpoint.events(),
                Timestamps.format(endpoint.createdAt()), null);
    }

    public static WebhookResponse withSecret(CreatedWebhookResult created) {
        WebhookEndpoint endpoint = created.endpoint();
        return new WebhookResponse(endpoint.id().toString(), endpoint.url().toString(), endpoint.events(),
                Timestamps.format(endpoint.createdAt()), created.secret().reveal());
    }

    @Override
    public String toString() {
        return "WebhookResponse[id=" + id + ", url=" + url + "]";
    }
}
