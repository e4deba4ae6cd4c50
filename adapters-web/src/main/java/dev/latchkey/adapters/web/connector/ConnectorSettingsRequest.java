package dev.latchkey.adapters.web.connector;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

@Serdeable
@Schema(name = "ConnectorSettingsInput", description = "Fields left out stay as they are.")
public record ConnectorSettingsRequest(@Nullable Boolean enabled, @Nullable String clientId,
                                       @Schema(description = "Stored encrypted, never returned.") @Nullable String clientSecret,
                                       @Schema(description = "Replaces the connector's default scopes; [] restores them.") @Nullable List<String> scopes) {
}
