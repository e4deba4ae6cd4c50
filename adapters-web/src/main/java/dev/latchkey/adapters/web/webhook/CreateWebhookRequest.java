package dev.latchkey.adapters.web.webhook;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

@Serdeable
@Schema(name = "CreateWebhookInput")
public record CreateWebhookRequest(@Schema(description = "https URL that receives POSTs") String url,
                                   @Schema(description = "Event types, or [\"*\"] for every type (also future ones)") List<String> events) {
}
