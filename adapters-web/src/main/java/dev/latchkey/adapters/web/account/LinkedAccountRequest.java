package dev.latchkey.adapters.web.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/** The body of create, upsert and update; documents the shape, the controller reads it field by field. */
@Serdeable
@Schema(name = "LinkedAccountInput")
public record LinkedAccountRequest(
        @Schema(description = "Your own stable id for the customer: 1-128 of A-Z a-z 0-9 . _ : @ -. Required on POST; "
                + "on PUT it may be left out, or must equal the id in the path.", example = "cust-42") @Nullable String id,
        @Schema(description = "At most 200 characters; null clears it.", example = "Acme Inc") @Nullable String name,
        @Schema(description = "A JSON object of your own, at most 16 KiB serialized.") @Nullable Map<String, Object> metadata) {
}
