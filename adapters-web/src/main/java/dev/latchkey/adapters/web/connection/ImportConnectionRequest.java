package dev.latchkey.adapters.web.connection;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

@Serdeable
@Schema(name = "ImportConnectionInput")
public record ImportConnectionRequest(String connector, @Nullable String authType, @Nullable Map<String, String> params,
                                      @Schema(description = "OAuth: access_token, refresh_token, expires_at (RFC 3339), token_type, "
                                              + "scope; key-based: the auth type's fields.") Map<String, String> credentials,
                                      @Nullable Map<String, String> tokenValues, @Nullable String identifier) {
}
