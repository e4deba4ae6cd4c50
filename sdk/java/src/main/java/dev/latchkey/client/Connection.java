package dev.latchkey.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A linked account's connection to an app, as every endpoint shows it: never a secret.
 *
 * @param status         {@code active}, {@code expired} (the customer must connect again) or {@code revoked}
 * @param identifier     who it is at the provider (an email, a workspace name), or null
 * @param lastRefreshedAt null until a token was refreshed
 * @param lastError      the last refresh failure, or null
 */
public record Connection(String id, String connector, String authType, String status, String identifier, List<String> scopes,
                         Map<String, String> params, Instant createdAt, Instant updatedAt, Instant lastRefreshedAt,
                         String lastError) {
    public Connection {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public boolean isActive() {
        return "active".equals(status);
    }
}
