package dev.latchkey.adapters.web.app;

import dev.latchkey.adapters.web.connection.ConnectionResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** {@code redirect}: send the customer to authorization_url. {@code connected}: done. */
@Serdeable
@Schema(name = "ConnectResult")
public record ConnectResponse(@Schema(allowableValues = {"redirect", "connected"}) String type, @Nullable String authorizationUrl,
                              @Nullable String expiresAt, @Nullable ConnectionResponse connection) {
}
