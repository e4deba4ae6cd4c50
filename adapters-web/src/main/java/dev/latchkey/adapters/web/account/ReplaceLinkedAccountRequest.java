package dev.latchkey.adapters.web.account;

import dev.latchkey.adapters.web.json.JsonRequest;
import dev.latchkey.domain.Violations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/** The body of PUT /v1/linked-accounts/{id}: the whole account; the id comes from the path. */
@Serdeable
@Schema(name = "LinkedAccountReplacement")
public record ReplaceLinkedAccountRequest(
        @Schema(description = "May be left out; when sent, must equal the id in the path.", example = "cust-42") @Nullable String id,
        @Schema(description = "At most 200 characters; left out, the account has no name.", example = "Acme Inc") @Nullable String name,
        @Schema(description = "A JSON object of your own, at most 16 KiB serialized; left out, it is {}.", example = "{\"plan\": \"pro\"}", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        @Nullable Map<String, Object> metadata) implements JsonRequest {

    @Override
    public void validate(Violations violations, JsonMapper json) {
        AccountFields.validate(name, metadata, violations, json);
    }
}
