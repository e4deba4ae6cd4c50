package dev.latchkey.adapters.web.webhook;

import dev.latchkey.adapters.web.json.JsonRequest;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The body of POST /v1/webhooks. */
@Serdeable
@Schema(name = "CreateWebhookInput")
public record CreateWebhookRequest(
        @Schema(description = "https URL that receives POSTs", example = "https://example.com/latchkey/events",
                requiredMode = Schema.RequiredMode.REQUIRED) String url,
        @ArraySchema(schema = @Schema(example = "connection.created"), arraySchema = @Schema(
                description = "Event types, or [\"*\"] for every type (also future ones)", requiredMode = Schema.RequiredMode.REQUIRED))
        List<String> events) implements JsonRequest {
}
