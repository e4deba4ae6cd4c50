package dev.latchkey.adapters.web.connection;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the document says {@code credentials} of an import holds: one of two shapes told apart by
 * {@code access_token}. With it, OAuth tokens and only the token fields; without it, the auth type's
 * key fields (any names, string values), which is why further properties are allowed. Never bound:
 * {@link ImportConnectionRequest} reads the object as names to strings and checks the shape.
 */
@Serdeable
@Schema(name = "ImportCredentials", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
        description = "OAuth tokens (access_token present: only access_token, refresh_token, expires_at, token_type, scope) "
                + "or, without access_token, the auth type's key fields, e.g. {\"api_key\": \"...\"}. Every value is a string.")
record ImportCredentials(
        @Schema(description = "Makes these OAuth tokens.") @Nullable String accessToken,
        @Nullable String refreshToken,
        @Schema(format = "date-time", description = "RFC 3339 UTC time.", example = "2026-12-01T10:00:00Z") @Nullable String expiresAt,
        @Schema(example = "Bearer") @Nullable String tokenType,
        @Schema(description = "Granted scopes, separated by spaces or commas.") @Nullable String scope) {
}
