package dev.latchkey.adapters.connectors.oauth2;

import dev.latchkey.domain.connector.OAuthClient;

import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.domain.connector.JsonPointer;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.AuthSchemePort.Grant;
import dev.latchkey.application.port.out.AuthSchemePort.Signature;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderResponse;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.AuthMethod.ClientAuth;
import dev.latchkey.domain.connector.RateLimitPolicy;
import dev.latchkey.domain.connector.Template;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls to an OAuth 2.0 token endpoint (RFC 6749 §3.2) and revocation endpoint (RFC 7009), shared
 * by the authorization-code and client-credentials schemes: client authentication, the JSON
 * answer, and the provider's refusals turned into {@link ProviderException}s whose messages hold
 * no secret.
 */
final class TokenEndpoint {
    private static final int MAX_DESCRIPTION = 200;

    private final GuardedHttpClient http;
    private final JsonMapper json;
    private final Clock clock;

    TokenEndpoint(GuardedHttpClient http, JsonMapper json, Clock clock) {
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /** What a token request gave: the token, the kept token-response values and the granted scopes. */
    record TokenResult(AccessToken token, Map<String, String> tokenValues, List<String> scopes) {
        Grant grant(Credentials credentials) {
            return new Grant(credentials, tokenValues, scopes);
        }

        @Override
        public String toString() {
            return "TokenResult[" + token + ", values=" + tokenValues.keySet() + "]";
        }
    }

    /**
     * POSTs a token request.
     *
     * @param provider      the connector's name, for messages
     * @param limits        how the provider signals a rate limit: such an answer is a passing failure with its wait, never a refusal
     * @param form          the grant's parameters (grant_type, code...), without client authentication
     * @param tokenResponse the connector's {@code token_response} pointers
     */
    TokenResult requestToken(String provider, RateLimitPolicy limits, URI tokenUrl, Map<String, String> form, ClientAuth clientAuth, OAuthClient client,
                             Map<String, String> tokenResponse) {
        ProviderResponse response = post(tokenUrl, form, clientAuth, client);
        Map<String, Object> body = jsonObject(response.body()).orElse(null);
        failIfLimited(provider, "token request", limits, response);
        failIfRefused(provider, "token request", response, body);
        if (body == null) {
            throw ProviderException.rejected("invalid_token_response",
                    provider + " answered the token request with something other than a JSON object");
        }
        Optional<String> accessToken = JsonPointer.text(body, "/access_token").filter(t -> !t.isBlank());
        if (accessToken.isEmpty()) {
            throw ProviderException.rejected("invalid_token_response", provider + " answered the token request without an access_token");
        }
        Optional<Instant> expiresAt = JsonPointer.text(body, "/expires_in")
                .flatMap(TokenEndpoint::seconds)
                .filter(seconds -> seconds > 0)
                .map(seconds -> clock.instant().plusSeconds(seconds));
        List<String> scopes = JsonPointer.text(body, "/scope")
                .map(s -> Arrays.stream(s.split("[\\s,]+")).filter(x -> !x.isBlank()).toList())
                .orElse(List.of());
        Map<String, String> values = new LinkedHashMap<>();
        tokenResponse.forEach((name, pointer) -> JsonPointer.text(body, pointer).ifPresent(v -> values.put(name, v)));
        AccessToken token = new AccessToken(accessToken.get(),
                JsonPointer.text(body, "/refresh_token").filter(t -> !t.isBlank()),
                expiresAt,
                JsonPointer.text(body, "/token_type").orElse("Bearer"),
                scopes);
        return new TokenResult(token, values, scopes);
    }

    /** POSTs an RFC 7009 revocation; a 2xx is success, anything else a {@link ProviderException}. */
    void revoke(String provider, URI revocationUrl, String token, String tokenTypeHint, ClientAuth clientAuth, OAuthClient client) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        form.put("token_type_hint", tokenTypeHint);
        ProviderResponse response = post(revocationUrl, form, clientAuth, client);
        failIfRefused(provider, "revocation", response, jsonObject(response.body()).orElse(null));
    }

    /** An endpoint template filled with the connection's params, each percent-encoded. */
    static URI url(Template template, AuthSchemePort.Context context) {
        Map<String, String> encoded = new LinkedHashMap<>();
        context.params().forEach((name, value) -> encoded.put(name, URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        return URI.create(template.fill(encoded));
    }

    /** The access token placed where the connector says (default {@code Authorization: Bearer ...}). */
    static Signature sign(AuthMethod.TokenPlacement placement, Credentials credentials) {
        AccessToken token = credentials.token()
                .orElseThrow(() -> new IllegalArgumentException("these credentials hold no access token to sign with"));
        return new Signature(Map.of(placement.header(), placement.format().fill(Map.of("access_token", token.value()))), Map.of());
    }

    private ProviderResponse post(URI url, Map<String, String> form, ClientAuth clientAuth, OAuthClient client) {
        Map<String, String> all = new LinkedHashMap<>(form);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        switch (clientAuth) {
            // RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined and base64-encoded.
            case BASIC -> headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (GuardedHttpClient.formEncode(client.clientId()) + ":" + GuardedHttpClient.formEncode(client.clientSecret()))
                            .getBytes(StandardCharsets.UTF_8)));
            case BODY -> {
                all.put("client_id", client.clientId());
                all.put("client_secret", client.clientSecret());
            }
        }
        return http.postForm(url, headers, all);
    }

    /** A limit the connector's policy recognises (a 400 whose body says "rate limit", say) is a wait, not a refused grant. */
    private void failIfLimited(String provider, String what, RateLimitPolicy limits, ProviderResponse response) {
        java.util.function.Function<String, Optional<String>> header = name -> Optional.ofNullable(
                response.headers().get(name.toLowerCase(java.util.Locale.ROOT)));
        if (limits.limited(response.status(), header, Optional.of(response.body()))) {
            Optional<java.time.Duration> wait = limits.waitAt(header, clock.instant());
            throw ProviderException.rateLimited(provider + " could not answer the " + what + " now (HTTP " + response.status() + ")"
                    + wait.map(w -> "; it asks to wait " + w.toSeconds() + " s").orElse("; try again later"), wait);
        }
    }

    private static void failIfRefused(String provider, String what, ProviderResponse response, Map<String, Object> body) {
        int status = response.status();
        if (status >= 500 || status == 429) {
            String message = provider + " could not answer the " + what + " (HTTP " + status + "); try again later";
            Optional<java.time.Duration> retryAfter = retryAfter(response);
            throw retryAfter.isPresent() ? ProviderException.unavailable(message, retryAfter.get()) : ProviderException.unavailable(message);
        }
        Optional<String> error = body == null ? Optional.empty() : JsonPointer.text(body, "/error").filter(e -> !e.isBlank());
        if (error.isPresent()) {
            String code = error.get().length() > 64 ? error.get().substring(0, 64) : error.get();
            String description = JsonPointer.text(body, "/error_description")
                    .map(d -> d.length() > MAX_DESCRIPTION ? d.substring(0, MAX_DESCRIPTION) + "…" : d)
                    .map(d -> ": " + d)
                    .orElse("");
            throw ProviderException.rejected(code, provider + " refused the " + what + " (" + code + ")" + description);
        }
        if (status >= 300) {
            throw ProviderException.rejected("http_" + status, provider + " refused the " + what + " (HTTP " + status + ")");
        }
    }

    /** {@code Retry-After} in seconds (RFC 9110), the form token endpoints use; a date is not read. */
    static Optional<java.time.Duration> retryAfter(ProviderResponse response) {
        String value = response.headers().get("retry-after");
        if (value == null || !value.strip().matches("\\d{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(java.time.Duration.ofSeconds(Long.parseLong(value.strip())));
    }

    private Optional<Map<String, Object>> jsonObject(String body) {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(body, Argument.mapOf(String.class, Object.class)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
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
