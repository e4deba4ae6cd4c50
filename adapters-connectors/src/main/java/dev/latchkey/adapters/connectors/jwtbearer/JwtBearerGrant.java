package dev.latchkey.adapters.connectors.jwtbearer;

import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderResponse;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.JsonPointer;
import dev.latchkey.domain.credential.AccessToken;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JWT bearer grant's token request (RFC 7523 §2.1): {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}
 * and the signed {@code assertion}, POSTed form-encoded to the token endpoint — no client secret, the
 * assertion's signature authenticates. The answer is an RFC 6749 §5.1 token response (no refresh token:
 * a new assertion is the refresh); a refusal is a {@link ProviderException} whose message holds no secret.
 */
public final class JwtBearerGrant {
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final int MAX_DESCRIPTION = 200;

    private final GuardedHttpClient http;
    private final JsonMapper json;
    private final Clock clock;

    public JwtBearerGrant(GuardedHttpClient http, JsonMapper json, Clock clock) {
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /** The token request's form: grant_type, assertion, then {@code extra} (a provider's additional parameters). */
    public static Map<String, String> form(String assertion, Map<String, String> extra) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT_TYPE);
        form.put("assertion", assertion);
        extra.forEach(form::putIfAbsent);
        return form;
    }

    /** The form as an {@code application/x-www-form-urlencoded} body. */
    public static String body(String assertion) {
        return GuardedHttpClient.formEncode(form(assertion, Map.of()));
    }

    /**
     * What the token endpoint gave.
     *
     * @param values the token response's values the connector keeps (its {@code token_response} pointers),
     *               such as Salesforce's {@code instance_url}
     */
    public record TokenResult(AccessToken token, Map<String, String> values, List<String> scopes) {
        public TokenResult {
            values = Map.copyOf(values);
            scopes = List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "TokenResult[" + token + ", values=" + values.keySet() + "]";
        }
    }

    /**
     * POSTs the assertion to {@code tokenUrl}.
     *
     * @param provider      the connector's name, for messages
     * @param tokenResponse the connector's {@code token_response} pointers (name → JSON pointer)
     */
    public TokenResult exchange(String provider, URI tokenUrl, String assertion, Map<String, String> extraForm,
                                Map<String, String> tokenResponse) {
        ProviderResponse response = http.postForm(tokenUrl, Map.of("Accept", "application/json"), form(assertion, extraForm));
        Map<String, Object> body = jsonObject(response.body());
        int status = response.status();
        if (status >= 500 || status == 429) {
            throw ProviderException.unavailable(provider + " could not answer the token request (HTTP " + status + "); try again later");
        }
        Optional<String> error = JsonPointer.text(body, "/error").filter(e -> !e.isBlank());
        if (error.isPresent()) {
            String code = error.get().length() > 64 ? error.get().substring(0, 64) : error.get();
            String description = JsonPointer.text(body, "/error_description")
                    .map(d -> d.length() > MAX_DESCRIPTION ? d.substring(0, MAX_DESCRIPTION) + "…" : d)
                    .map(d -> ": " + d).orElse("");
            throw ProviderException.rejected(code, provider + " refused the JWT bearer assertion (" + code + ")" + description);
        }
        if (status >= 300) {
            throw ProviderException.rejected("http_" + status, provider + " refused the JWT bearer assertion (HTTP " + status + ")");
        }
        String accessToken = JsonPointer.text(body, "/access_token").filter(t -> !t.isBlank()).orElseThrow(() ->
                ProviderException.rejected("invalid_token_response", provider + " answered the token request without an access_token"));
        Optional<java.time.Instant> expiresAt = JsonPointer.text(body, "/expires_in")
                .flatMap(JwtBearerGrant::seconds).filter(s -> s > 0)
                .map(s -> clock.instant().plus(Duration.ofSeconds(s)));
        List<String> scopes = JsonPointer.text(body, "/scope")
                .map(s -> Arrays.stream(s.split("[\\s,]+")).filter(x -> !x.isBlank()).toList())
                .orElse(List.of());
        Map<String, String> values = new LinkedHashMap<>();
        tokenResponse.forEach((name, pointer) -> JsonPointer.text(body, pointer).ifPresent(v -> values.put(name, v)));
        AccessToken token = new AccessToken(accessToken, Optional.empty(), expiresAt,
                JsonPointer.text(body, "/token_type").orElse("Bearer"), scopes);
        return new TokenResult(token, values, scopes);
    }

    private Map<String, Object> jsonObject(String body) {
        if (body.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> map = json.readValue(body, Argument.mapOf(String.class, Object.class));
            return map == null ? Map.of() : map;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private static Optional<Long> seconds(String text) {
        try {
            return Optional.of((long) Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
