package dev.latchkey.adapters.web.connection;

import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.domain.connection.Connection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** A connection as every endpoint shows it: never a secret. */
@Serdeable
@Schema(name = "Connection")
public record ConnectionResponse(String id, String connector, String authType,
                                 @Schema(allowableValues = {"active", "expired", "revoked"}) String status,
                                 @Nullable String identifier, List<String> scopes, Map<String, String> params,
                                 @Schema(format = "date-time") String createdAt, @Schema(format = "date-time") String updatedAt, @Schema(format = "date-time") @Nullable String lastRefreshedAt, @Nullable String lastError) {
    public static ConnectionResponse of(Connection c) {
        return new ConnectionResponse(c.id().toString(), c.connector().value(), c.authType(), c.status().label(),
                c.identifier().orElse(null), c.scopes(), c.params(), Timestamps.format(c.createdAt()), Timestamps.format(c.updatedAt()),
                c.lastRefreshedAt().map(Timestamps::format).orElse(null), c.lastError().orElse(null));
    }
}
