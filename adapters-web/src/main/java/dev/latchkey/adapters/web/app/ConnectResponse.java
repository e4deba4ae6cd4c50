package dev.latchkey.adapters.web.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.adapters.web.connection.ConnectionResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code redirect}: send the customer to authorization_url (until expires_at). {@code connected}: done, here is the
 * connection. Each shape carries only its own fields: the others are left out, not null.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ConnectResult")
public record ConnectResponse(@Schema(allowableValues = {"redirect", "connected"}) String type, @Nullable String authorizationUrl,
                              @Schema(format = "date-time") @Nullable String expiresAt, @Nullable ConnectionResponse connection) {
}
