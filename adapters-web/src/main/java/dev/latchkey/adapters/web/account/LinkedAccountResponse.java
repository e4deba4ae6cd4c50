package dev.latchkey.adapters.web.account;

import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.LinkedAccount;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

@Serdeable
@Schema(name = "LinkedAccount", description = "One customer of your company, under your own id.")
public record LinkedAccountResponse(
        @Schema(example = "cust-42") String id,
        @Schema(example = "Acme Inc") @Nullable String name,
        @Schema(description = "The JSON object you stored; {} when none.", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> metadata,
        @Schema(format = "date-time", example = "2026-11-25T10:00:00.000Z") String createdAt,
        @Schema(format = "date-time", example = "2026-11-25T10:00:00.000Z") String updatedAt) {

    static LinkedAccountResponse of(LinkedAccount account, JsonMapper mapper) {
        try {
            Map<String, Object> metadata = mapper.readValue(account.metadata().json(), Argument.mapOf(String.class, Object.class));
            return new LinkedAccountResponse(account.id().value(), account.name().map(AccountName::value).orElse(null), metadata,
                    Timestamps.format(account.createdAt()), Timestamps.format(account.updatedAt()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
