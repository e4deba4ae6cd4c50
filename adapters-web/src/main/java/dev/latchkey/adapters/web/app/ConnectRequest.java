package dev.latchkey.adapters.web.app;

import dev.latchkey.adapters.web.json.JsonRequest;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connection.PendingAuthorization;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/** The body of POST /v1/apps/{slug}/connect. */
@Serdeable
@Schema(name = "ConnectInput", example = "{\"auth_type\": \"oauth2\", \"mode\": \"popup\"}")
public record ConnectRequest(
        @Schema(description = "One of the app's auth_types; its first one when left out.", example = "oauth2") @Nullable String authType,
        @Schema(description = "The app's params, e.g. {\"subdomain\": \"acme\"}.") @Nullable Map<String, String> params,
        @Schema(description = "Key-based apps: the fields of the auth type.") @Nullable Map<String, String> credentials,
        @Schema(allowableValues = {"popup", "redirect"}, description = "popup when left out.") @Nullable String mode,
        @Schema(description = "OAuth: where to return afterwards; under an allowed origin. Required in redirect mode.") @Nullable String returnUrl)
        implements JsonRequest {

    @Override
    public void validate(Violations violations, JsonMapper json) {
        if (mode != null) {
            violations.check("mode", () -> AppController.mode(mode));
        }
    }

    PendingAuthorization.Mode connectMode() {
        return mode == null ? PendingAuthorization.Mode.POPUP : AppController.mode(mode);
    }
}
