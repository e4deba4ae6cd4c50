package dev.latchkey.application.fakes;

import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
    private final List<CodeExchange> exchanges = new ArrayList<>();
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
    public synchronized URI authorizationUrl(AuthorizationRequest request) {
        record("authorizationUrl", request.context());
        authorizationRequests.add(request);
        AuthMethod.OAuth2AuthorizationCode method = (AuthMethod.OAuth2AuthorizationCode) request.context().method();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", request.context().client().orElseThrow().clientId());
        query.put("redirect_uri", request.redirectUri());
        query.put("scope", String.join(method.scopeSeparator(), request.scopes()));
        query.put("state", request.state());
        request.codeChallenge().ifPresent(challenge -> {
            query.put("code_challenge", challenge);
            query.put("code_challenge_method", "S256");
        });
        StringBuilder url = new StringBuilder(method.authorizationUrl().fill(request.context().params()));
        char separator = url.indexOf("?") < 0 ? '?' : '&';
        for (Map.Entry<String, String> e : query.entrySet()) {
            url.append(separator).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(url.toString());
    }

    @Override
    public synchronized Grant exchangeCode(CodeExchange request) {
        record("exchangeCode", request.context());
        exchanges.add(request);
        throwIfArmed();
        AccessToken token = new AccessToken("token-for-" + request.code(), Optional.of("refresh-for-" + request.code()), expiresAt,
                "Bearer", grantedScopes);
        return new Grant(Credentials.ofToken(token), tokenValues, grantedScopes);
    }

    @Override
    public Signature sign(Context context, Credentials current) {
        record("sign", context);
        return new Signature(Map.of("Authorization", "Bearer " + current.token().orElseThrow().value()), Map.of());
    }

    public synchronized List<AuthorizationRequest> authorizationRequests() {
        return List.copyOf(authorizationRequests);
    }

    public synchronized AuthorizationRequest lastAuthorizationRequest() {
        return authorizationRequests.get(authorizationRequests.size() - 1);
    }

    public synchronized List<CodeExchange> exchanges() {
        return List.copyOf(exchanges);
    }
}
