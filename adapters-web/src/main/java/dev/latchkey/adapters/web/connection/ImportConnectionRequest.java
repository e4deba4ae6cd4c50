package dev.latchkey.adapters.web.connection;

import dev.latchkey.adapters.web.json.JsonRequest;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The body of POST /v1/linked-accounts/{id}/connections. */
@Serdeable
@Schema(name = "ImportConnectionInput", example = "{\"connector\": \"github\", \"credentials\": {\"access_token\": \"gho_16C7e42F292c6912E7710c838347Ae178B4a\", "
        + "\"token_type\": \"Bearer\"}, \"identifier\": \"octocat\"}")
public record ImportConnectionRequest(
        @Schema(description = "The connector's slug.", example = "github", requiredMode = Schema.RequiredMode.REQUIRED) String connector,
        @Schema(description = "One of the connector's auth_types; its first one when left out.") @Nullable String authType,
        @Schema(description = "The connector's params, e.g. {\"subdomain\": \"acme\"}.") @Nullable Map<String, String> params,
        @Schema(name = "credentials", implementation = ImportCredentials.class, type = "object", nullable = true) @Nullable Map<String, String> credentials,
        @Schema(description = "Values the connector reads from the token response, e.g. {\"team_id\": \"T1\"}.") @Nullable Map<String, String> tokenValues,
        @Schema(description = "The account at the provider, shown in listings.") @Nullable String identifier) implements JsonRequest {
    private static final List<String> TOKEN_FIELDS = List.of("access_token", "refresh_token", "expires_at", "token_type", "scope");

    @Override
    public void validate(Violations violations, JsonMapper json) {
        if (connector != null) {
            violations.check("connector", () -> new ConnectorSlug(connector));
        }
        credentials(violations);
    }

    Map<String, String> paramValues() {
        return params == null ? Map.of() : params;
    }

    Map<String, String> tokenValueMap() {
        return tokenValues == null ? Map.of() : tokenValues;
    }

    /** An access_token makes it OAuth tokens; otherwise the values are the auth type's fields. Refusals go into {@code violations}. */
    Credentials credentials(Violations violations) {
        Map<String, String> given = credentials == null ? Map.of() : credentials;
        if (!given.containsKey("access_token")) {
            return Credentials.ofFields(given);
        }
        given.keySet().stream().filter(k -> !TOKEN_FIELDS.contains(k))
                .forEach(k -> violations.add("credentials." + k, "is not a token field; known: " + String.join(", ", TOKEN_FIELDS)));
        Optional<Instant> expiresAt = Optional.ofNullable(given.get("expires_at")).flatMap(text -> {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e) {
                violations.add("credentials.expires_at", "must be an RFC 3339 UTC time such as 2026-12-01T10:00:00Z");
                return Optional.empty();
            }
        });
        List<String> scopes = Optional.ofNullable(given.get("scope"))
                .map(s -> Arrays.stream(s.split("[ ,]+")).filter(x -> !x.isBlank()).toList())
                .orElse(List.of());
        AccessToken token = violations.check("credentials.access_token", () -> new AccessToken(given.get("access_token"),
                Optional.ofNullable(given.get("refresh_token")), expiresAt, given.get("token_type"), scopes));
        return token == null ? Credentials.ofFields(new HashMap<>()) : Credentials.ofToken(token);
    }
}
