package dev.latchkey.application.fakes;

import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code oauth2} scheme without a provider: the authorization URL is the connector's with the
 * request's values as query parameters, and a code {@code c} is exchanged for the access token
 * {@code token-for-c} (with the token values and scopes the test chose).
 */
public final class FakeOAuth2Scheme extends RecordingAuthScheme {
    private final List<AuthorizationRequest> authorizationRequests = new ArrayList<>();
    private final List<Optional<String>> challenges = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final List<Completion> exchanges = new ArrayList<>();
    private Map<String, String> tokenValues = Map.of();
    private List<String> grantedScopes = List.of("read");
    private Optional<Instant> expiresAt = Optional.empty();

    @Override
    public String type() {
        return AuthMethod.OAUTH2;
    }

    public synchronized FakeOAuth2Scheme returning(Map<String, String> tokenValues, List<String> scopes) {
        this.tokenValues = Map.copyOf(tokenValues);
        this.grantedScopes = List.copyOf(scopes);
        return this;
    }

    public synchronized FakeOAuth2Scheme expiringAt(Instant at) {
        this.expiresAt = Optional.of(at);
        return this;
    }

    @Override
    public AuthCapabilities capabilities(AuthMethod method) {
        AuthMethod.OAuth2AuthorizationCode grant = (AuthMethod.OAuth2AuthorizationCode) method;
        return new AuthCapabilities(AuthMethod.OAUTH2, "OAuth 2.0", Optional.of(new AuthCapabilities.Redirect(List.of("code"),
                grant.authorizationUrl().origin().orElse("https:"))), List.of(), grant.scopes(), true, grant.refreshMargin(), true, List.of(), true,
                false);
    }

    /** The connector's authorization URL with the request's values; with PKCE, a fresh verifier kept and its S256 challenge sent. */
    @Override
    public synchronized Authorization authorize(AuthorizationRequest request) {
        record("authorize", request.context());
        authorizationRequests.add(request);
        AuthMethod.OAuth2AuthorizationCode method = (AuthMethod.OAuth2AuthorizationCode) request.context().method();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", request.context().client().orElseThrow().clientId());
        query.put("redirect_uri", request.redirectUri());
        query.put("scope", String.join(method.scopeSeparator(), request.scopes()));
        query.put("state", request.state());
        Optional<String> verifier = Optional.empty();
        if (method.pkce()) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            verifier = Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            String challenge = challenge(verifier.get());
            query.put("code_challenge", challenge);
            query.put("code_challenge_method", "S256");
        }
        challenges.add(verifier.map(FakeOAuth2Scheme::challenge));
        StringBuilder url = new StringBuilder(method.authorizationUrl().fill(request.context().params()));
        char separator = url.indexOf("?") < 0 ? '?' : '&';
        for (Map.Entry<String, String> e : query.entrySet()) {
            url.append(separator).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return new Authorization(URI.create(url.toString()), verifier);
    }

    @Override
    public synchronized Grant complete(Completion request) {
        record("complete", request.context());
        exchanges.add(request);
        throwIfArmed();
        String code = request.callback().get("code");
        AccessToken token = new AccessToken("token-for-" + code, Optional.of("refresh-for-" + code), expiresAt,
                "Bearer", grantedScopes);
        return new Grant(Credentials.ofToken(token), tokenValues, grantedScopes);
    }

    @Override
    public Signature sign(Context context, Credentials current, OutboundRequest request) {
        record("sign", context);
        return new Signature(Map.of("Authorization", "Bearer " + current.token().orElseThrow().value()), Map.of());
    }

    /** The S256 challenge sent with each authorization (empty without PKCE), in order. */
    public synchronized List<Optional<String>> challenges() {
        return List.copyOf(challenges);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized List<AuthorizationRequest> authorizationRequests() {
        return List.copyOf(authorizationRequests);
    }

    public synchronized AuthorizationRequest lastAuthorizationRequest() {
        return authorizationRequests.get(authorizationRequests.size() - 1);
    }

    public synchronized List<Completion> exchanges() {
        return List.copyOf(exchanges);
    }
}
