package dev.latchkey.adapters.connectors.oauth2;

import dev.latchkey.domain.connector.OAuthClient;
import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.AuthMethod.OAuth2AuthorizationCode;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth 2.0 authorization-code grant ({@code type: oauth2}) with PKCE (S256): the consent page
 * URL, the code exchange, refresh, RFC 7009 revocation, and the access token on API requests.
 */
@Singleton
public final class OAuth2AuthorizationCodeAuth implements AuthSchemePort {
    private final TokenEndpoint tokens;
    private final SecureRandom random;

    @Inject
    public OAuth2AuthorizationCodeAuth(GuardedHttpClient http, JsonMapper json, Clock clock) {
        this(http, json, clock, new SecureRandom());
    }

    public OAuth2AuthorizationCodeAuth(GuardedHttpClient http, JsonMapper json, Clock clock, SecureRandom random) {
        this.tokens = new TokenEndpoint(http, json, clock);
        this.random = random;
    }

    @Override
    public String type() {
        return AuthMethod.OAUTH2;
    }

    @Override
    public AuthCapabilities capabilities(AuthMethod method) {
        OAuth2AuthorizationCode grant = method(method);
        return new AuthCapabilities(AuthMethod.OAUTH2, "OAuth 2.0",
                Optional.of(new AuthCapabilities.Redirect(List.of("code"), grant.authorizationUrl().origin().orElse("https:"))),
                List.of(), grant.scopes(), true, grant.refreshMargin(), true, List.of(), true, false,
                List.copyOf(new java.util.TreeSet<>(grant.tokenResponse().keySet())));
    }

    @Override
    public Authorization authorize(AuthorizationRequest request) {
        Context context = request.context();
        OAuth2AuthorizationCode method = method(context);
        OAuthClient client = client(context);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client.clientId());
        query.put("redirect_uri", request.redirectUri());
        if (!request.scopes().isEmpty()) {
            query.put("scope", String.join(method.scopeSeparator(), request.scopes()));
        }
        query.put("state", request.state());
        Optional<String> verifier = method.pkce() ? Optional.of(verifier()) : Optional.empty();
        verifier.ifPresent(v -> {
            query.put("code_challenge", challenge(v));
            query.put("code_challenge_method", "S256");
        });
        method.authorizationParams().forEach(query::putIfAbsent);
        String base = TokenEndpoint.url(method.authorizationUrl(), context).toString();
        return new Authorization(URI.create(base + (base.contains("?") ? "&" : "?") + GuardedHttpClient.formEncode(query)), verifier);
    }

    @Override
    public Grant complete(Completion completion) {
        Context context = completion.context();
        OAuth2AuthorizationCode method = method(context);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", completion.callback().get("code"));
        form.put("redirect_uri", completion.redirectUri());
        if (method.pkce()) {
            form.put("code_verifier", completion.kept().orElseThrow(() -> new IllegalArgumentException(
                    context.connector().slug() + " uses PKCE: the code exchange needs the code verifier")));
        }
        method.tokenParams().forEach(form::putIfAbsent);
        TokenEndpoint.TokenResult result = tokens.requestToken(context.connector().name(), context.connector().rateLimit(), tokenUrl(context, method), form,
                method.clientAuth(), client(context), method.tokenResponse());
        return result.grant(Credentials.ofToken(result.token()));
    }

    /** A PKCE verifier: 256 random bits, base64url (43 characters, within RFC 7636's 43 to 128). */
    private String verifier() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** RFC 7636's S256 challenge: base64url of the verifier's SHA-256. */
    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public Optional<Grant> refresh(Context context, Credentials current) {
        OAuth2AuthorizationCode method = method(context);
        Optional<String> refreshToken = current.token().flatMap(AccessToken::refreshToken);
        if (refreshToken.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken.get());
        method.tokenParams().forEach(form::putIfAbsent);
        TokenEndpoint.TokenResult result = tokens.requestToken(context.connector().name(), context.connector().rateLimit(), tokenUrl(context, method), form,
                method.clientAuth(), client(context), method.tokenResponse());
        return Optional.of(result.grant(current.withToken(result.token())));
    }

    @Override
    public void revoke(Context context, Credentials current) {
        OAuth2AuthorizationCode method = method(context);
        if (method.revocationUrl().isEmpty() || current.token().isEmpty()) {
            return;
        }
        AccessToken token = current.token().get();
        URI url = TokenEndpoint.url(method.revocationUrl().get(), context);
        if (token.refreshToken().isPresent()) {
            tokens.revoke(context.connector().name(), url, token.refreshToken().get(), "refresh_token", method.clientAuth(), client(context));
        } else {
            tokens.revoke(context.connector().name(), url, token.value(), "access_token", method.clientAuth(), client(context));
        }
    }

    @Override
    public Signature sign(Context context, Credentials current, OutboundRequest request) {
        return TokenEndpoint.sign(method(context).tokenPlacement(), current);
    }

    private static URI tokenUrl(Context context, OAuth2AuthorizationCode method) {
        return TokenEndpoint.url(method.tokenUrl(), context);
    }

    private static OAuth2AuthorizationCode method(Context context) {
        return method(context.method());
    }

    private static OAuth2AuthorizationCode method(AuthMethod method) {
        if (method instanceof OAuth2AuthorizationCode grant) {
            return grant;
        }
        throw new IllegalArgumentException("the oauth2 scheme got an auth method of type " + method.type());
    }

    private static OAuthClient client(Context context) {
        return context.client().orElseThrow(() -> new IllegalArgumentException(
                context.connector().slug() + " needs the workspace's OAuth client (client_id and client_secret) in its settings"));
    }
}
