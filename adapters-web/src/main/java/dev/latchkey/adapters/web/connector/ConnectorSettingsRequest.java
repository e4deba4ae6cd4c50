package dev.latchkey.adapters.web.connector;

import dev.latchkey.adapters.web.json.JsonRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Optional;

/** The body of PUT /v1/connectors/{slug}/settings: a partial update, fields left out stay as they are. */
@Serdeable
@Schema(name = "ConnectorSettingsInput", description = "Fields left out stay as they are.")
public record ConnectorSettingsRequest(
        @Schema(description = "Whether customers can connect it.") @Nullable Boolean enabled,
        @Schema(description = "Your OAuth app's client id; empty keeps the current one.") @Nullable String clientId,
        @Schema(description = "Stored encrypted, never returned; empty keeps the current one.") @Nullable String clientSecret,
        @Schema(description = "Replaces the connector's default scopes; [] restores them.") @Nullable List<String> scopes)
        implements JsonRequest {

    Optional<String> clientIdValue() {
        return Optional.ofNullable(clientId).map(String::strip).filter(s -> !s.isEmpty());
    }

    Optional<String> clientSecretValue() {
        return Optional.ofNullable(clientSecret).filter(s -> !s.isEmpty());
    }
}
