package dev.latchkey.adapters.connectors.oauth2;

import dev.latchkey.domain.connector.OAuthClient;
import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.AuthMethod.OAuth2AuthorizationCode;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.net.URI;
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

    public OAuth2AuthorizationCodeAuth(GuardedHttpClient http, JsonMapper json, Clock clock) {
        this.tokens = new TokenEndpoint(http, json, clock);
    }

    @Override
    public String type() {
        return AuthMethod.OAUTH2;
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
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
        if (method.pkce()) {
            String challenge = request.codeChallenge().orElseThrow(() -> new IllegalArgumentException(
                    context.connector().slug() + " uses PKCE: the authorization request needs a code challenge"));
            query.put("code_challenge", challenge);
            query.put("code_challenge_method", "S256");
        }
        method.authorizationParams().forEach(query::putIfAbsent);
        String base = TokenEndpoint.url(method.authorizationUrl(), context).toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + GuardedHttpClient.formEncode(query));
    }

    @Override
    public Grant exchangeCode(CodeExchange request) {
        Context context = request.context();
        OAuth2AuthorizationCode method = method(context);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", request.code());
        form.put("redirect_uri", request.redirectUri());
        if (method.pkce()) {
            form.put("code_verifier", request.codeVerifier().orElseThrow(() -> new IllegalArgumentException(
                    context.connector().slug() + " uses PKCE: the code exchange needs the code verifier")));
        }
        method.tokenParams().forEach(form::putIfAbsent);
        TokenEndpoint.TokenResult result = tokens.requestToken(context.connector().name(), tokenUrl(context, method), form,
                method.clientAuth(), client(context), method.tokenResponse());
        return result.grant(Credentials.ofToken(result.token()));
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
        TokenEndpoint.TokenResult result = tokens.requestToken(context.connector().name(), tokenUrl(context, method), form,
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
    public Signature sign(Context context, Credentials current) {
        return TokenEndpoint.sign(method(context).tokenPlacement(), current);
    }

    private static URI tokenUrl(Context context, OAuth2AuthorizationCode method) {
        return TokenEndpoint.url(method.tokenUrl(), context);
    }

    private static OAuth2AuthorizationCode method(Context context) {
        if (context.method() instanceof OAuth2AuthorizationCode method) {
            return method;
        }
        throw new IllegalArgumentException("the oauth2 scheme got an auth method of type " + context.method().type());
    }

    private static OAuthClient client(Context context) {
        return context.client().orElseThrow(() -> new IllegalArgumentException(
                context.connector().slug() + " needs the workspace's OAuth client (client_id and client_secret) in its settings"));
    }
}
