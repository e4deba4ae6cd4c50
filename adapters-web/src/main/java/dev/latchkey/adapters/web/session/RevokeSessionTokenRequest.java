package dev.latchkey.adapters.web.session;

import dev.latchkey.adapters.web.json.JsonRequest;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST /v1/session-tokens/revoke. */
@Serdeable
@Schema(name = "RevokeSessionTokenInput")
public record RevokeSessionTokenRequest(
        @Schema(description = "The session token to revoke, as minted.", requiredMode = Schema.RequiredMode.REQUIRED) String token)
        implements JsonRequest {
}
