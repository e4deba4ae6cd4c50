package dev.latchkey.adapters.connectors.github;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.support.PrivateKeys;
import dev.latchkey.adapters.connectors.support.FieldValues;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderRequest;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderResponse;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.JsonPointer;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub App installation tokens ({@code type: github_app}): an RS256 JWT signed with the app's
 * PEM private key (PKCS#1 or PKCS#8) is exchanged at
 * {@code POST {api.base_url}/app/installations/{installation_id}/access_tokens} for a token that
 * expires after an hour; refreshing is a new exchange.
 */
@Singleton
public final class GitHubAppAuth implements AuthSchemePort {
    public static final String TYPE = "github_app";
    static final String APP_ID = "app_id";
    static final String PRIVATE_KEY = "private_key";
    static final String INSTALLATION_ID = "installation_id";

    /** GitHub allows at most 10 minutes, and recommends back-dating iat against clock drift. */
    private static final Duration BACKDATE = Duration.ofSeconds(60);
    private static final Duration LIFETIME = Duration.ofMinutes(9);

    private final GuardedHttpClient http;
    private final JsonMapper json;
    private final Clock clock;

    public GitHubAppAuth(GuardedHttpClient http, JsonMapper json, Clock clock) {
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The app's id, key and installation, typed once; the installation token it yields expires within the hour and is renewed. */
    @Override
    public AuthCapabilities capabilities(AuthMethod method) {
        return new AuthCapabilities(TYPE, "GitHub App", Optional.empty(), method.fields(), List.of(), true, Optional.empty(), false,
                method.fields(), false, false);
    }

    @Override
    public Grant obtain(Context context, Map<String, String> fields) {
        Map<String, String> values = FieldValues.require(context.method().fields(), fields);
        for (String required : List.of(APP_ID, PRIVATE_KEY, INSTALLATION_ID)) {
            if (!values.containsKey(required)) {
                throw InvalidInputException.of(required, "is required for a GitHub App");
            }
        }
        return exchange(context, values);
    }

    /** Installation tokens have no refresh token: a new exchange with the app's key. */
    @Override
    public Optional<Grant> refresh(Context context, Credentials current) {
        return Optional.of(exchange(context, current.fields()));
    }

    /** An installation token expires within the hour; the app's key stays the customer's. */
    @Override
    public void revoke(Context context, Credentials current) {
        // The connector declares no revocation; the token expires on its own.
    }

    @Override
    public Signature sign(Context context, Credentials current, OutboundRequest request) {
        AccessToken token = current.token()
                .orElseThrow(() -> new IllegalArgumentException("these credentials hold no installation token to sign with"));
        return new Signature(Map.of("Authorization", "Bearer " + token.value()), Map.of());
    }

    private Grant exchange(Context context, Map<String, String> fields) {
        String installationId = fields.getOrDefault(INSTALLATION_ID, "");
        if (!installationId.matches("[0-9]{1,20}")) {
            throw InvalidInputException.of(INSTALLATION_ID, "must be the installation's number, such as 12345678");
        }
        String appId = fields.getOrDefault(APP_ID, "");
        if (appId.isBlank()) {
            throw InvalidInputException.of(APP_ID, "is required for a GitHub App");
        }
        String jwt = appJwt(appId, PrivateKeys.parse(fields.getOrDefault(PRIVATE_KEY, ""), PRIVATE_KEY));
        String base = context.connector().baseUrl().fill(context.params());
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/app/installations/" + installationId + "/access_tokens");
        ProviderResponse response = http.send(new ProviderRequest("POST", uri, Map.of(
                "Authorization", "Bearer " + jwt,
                "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28"), Optional.empty()));
        Map<String, Object> body = jsonObject(response.body());
        if (response.status() >= 500 || response.status() == 429) {
            throw ProviderException.unavailable("GitHub could not issue an installation token (HTTP " + response.status() + "); try again later");
        }
        if (response.status() >= 300) {
            String message = JsonPointer.text(body, "/message").map(m -> m.length() > 200 ? m.substring(0, 200) : m).orElse("no message");
            throw ProviderException.rejected(response.status() == 404 ? "installation_not_found" : "http_" + response.status(),
                    "GitHub refused the installation token request (HTTP " + response.status() + "): " + message);
        }
        String token = JsonPointer.text(body, "/token").filter(t -> !t.isBlank()).orElseThrow(() ->
                ProviderException.rejected("invalid_token_response", "GitHub answered without an installation token"));
        Optional<Instant> expiresAt = JsonPointer.text(body, "/expires_at").flatMap(GitHubAppAuth::instant);
        List<String> scopes = permissions(body);
        AccessToken accessToken = new AccessToken(token, Optional.empty(), expiresAt, "Bearer", scopes);
        return new Grant(new Credentials(fields, Optional.of(accessToken)), Map.of(), scopes);
    }

    private String appJwt(String appId, java.security.interfaces.RSAPrivateKey key) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(appId)
                .issueTime(Date.from(now.minus(BACKDATE)))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException | IllegalArgumentException e) {
            throw ProviderException.rejected("invalid_private_key", PRIVATE_KEY + ": the key cannot sign an RS256 JWT (GitHub keys are RSA, 2048 bits or more)");
        }
        return jwt.serialize();
    }

    /** GitHub's {"permissions": {"contents": "read"}} as ["contents:read"]. */
    private static List<String> permissions(Map<String, Object> body) {
        List<String> scopes = new ArrayList<>();
        if (body.get("permissions") instanceof Map<?, ?> permissions) {
            permissions.forEach((name, level) -> scopes.add(name + ":" + level));
        }
        return scopes.stream().sorted().toList();
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
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
}
