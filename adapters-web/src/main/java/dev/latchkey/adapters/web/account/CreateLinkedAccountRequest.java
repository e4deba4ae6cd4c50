package dev.latchkey.adapters.web.account;

import dev.latchkey.adapters.web.json.JsonRequest;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.account.LinkedAccountId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/** The body of POST /v1/linked-accounts. */
@Serdeable
@Schema(name = "NewLinkedAccount")
public record CreateLinkedAccountRequest(
        @Schema(description = "Your own stable id for the customer: 1-128 of A-Z a-z 0-9 . _ : @ -.", example = "cust-42",
                requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(description = "At most 200 characters.", example = "Acme Inc") @Nullable String name,
        @Schema(description = "A JSON object of your own, at most 16 KiB serialized.", example = "{\"plan\": \"pro\"}", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        @Nullable Map<String, Object> metadata) implements JsonRequest {

    @Override
    public void validate(Violations violations, JsonMapper json) {
        if (id != null) {
            violations.check("id", () -> new LinkedAccountId(id));
        }
        AccountFields.validate(name, metadata, violations, json);
    }
}
