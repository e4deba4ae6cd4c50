package dev.latchkey.adapters.web.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/**
 * The body of PATCH, for the document: a partial update tells a field left out (kept) from a field
 * sent as null (cleared), which a record cannot, so the controller reads this one field by field.
 */
@Serdeable
@Schema(name = "LinkedAccountChanges", description = "Fields left out stay as they are.")
public record UpdateLinkedAccountRequest(
        @Schema(description = "At most 200 characters; null clears it.", example = "Acme Inc", nullable = true) @Nullable String name,
        @Schema(description = "A JSON object of your own, at most 16 KiB serialized; replaces the whole metadata; null clears it.",
                example = "{\"plan\": \"enterprise\"}", nullable = true,
                additionalProperties = Schema.AdditionalPropertiesValue.TRUE) @Nullable Map<String, Object> metadata) {
}
