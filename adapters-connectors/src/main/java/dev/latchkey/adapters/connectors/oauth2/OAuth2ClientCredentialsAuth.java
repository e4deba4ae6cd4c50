package dev.latchkey.adapters.connectors.oauth2;

import dev.latchkey.domain.connector.OAuthClient;
import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.support.FieldValues;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.AuthMethod.OAuth2ClientCredentials;
import dev.latchkey.domain.credential.Credentials;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth 2.0 client-credentials grant ({@code type: oauth2_client_credentials}): the customer
 * gives a client id and secret, kept with the connection so a new token can be granted whenever
 * the old one expires.
 */
@Singleton
public final class OAuth2ClientCredentialsAuth implements AuthSchemePort {
    private static final String CLIENT_ID = "client_id";
    private static final String CLIENT_SECRET = "client_secret";

    private final TokenEndpoint tokens;

    public OAuth2ClientCredentialsAuth(GuardedHttpClient http, JsonMapper json, Clock clock) {
        this.tokens = new TokenEndpoint(http, json, clock);
    }

    @Override
    public String type() {
        return AuthMethod.OAUTH2_CLIENT_CREDENTIALS;
    }

    /** The customer's own client (typed as fields), not the workspace's app: nothing waits for the workspace's settings. */
    @Override
    public AuthCapabilities capabilities(AuthMethod method) {
        OAuth2ClientCredentials grant = (OAuth2ClientCredentials) method;
        return new AuthCapabilities(AuthMethod.OAUTH2_CLIENT_CREDENTIALS, "OAuth 2.0 client credentials", Optional.empty(),
                OAuth2ClientCredentials.CLIENT_FIELDS, grant.scopes(), true, grant.refreshMargin(), true, List.of(), false, false);
    }

    @Override
    public Grant obtain(Context context, Map<String, String> fields) {
        OAuth2ClientCredentials method = method(context);
        return grant(context, method, FieldValues.require(method.fields(), fields));
    }

    /** Client credentials have no refresh token: a new grant with the same client. */
    @Override
    public Optional<Grant> refresh(Context context, Credentials current) {
        OAuth2ClientCredentials method = method(context);
        return Optional.of(grant(context, method, FieldValues.require(method.fields(), current.fields())));
    }

    /** The definition declares no revocation endpoint for this grant: nothing to do. */
    @Override
    public void revoke(Context context, Credentials current) {
        // A client-credentials token expires on its own; the customer's client stays theirs.
    }

    @Override
    public Signature sign(Context context, Credentials current, OutboundRequest request) {
        return TokenEndpoint.sign(method(context).tokenPlacement(), current);
    }

    private Grant grant(Context context, OAuth2ClientCredentials method, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (!method.scopes().isEmpty()) {
            form.put("scope", String.join(method.scopeSeparator(), method.scopes()));
        }
        method.tokenParams().forEach(form::putIfAbsent);
        URI tokenUrl = TokenEndpoint.url(method.tokenUrl(), context);
        TokenEndpoint.TokenResult result = tokens.requestToken(context.connector().name(), context.connector().rateLimit(), tokenUrl, form, method.clientAuth(),
                new OAuthClient(fields.get(CLIENT_ID), fields.get(CLIENT_SECRET)), Map.of());
        return result.grant(new Credentials(fields, Optional.of(result.token())));
    }

    private static OAuth2ClientCredentials method(Context context) {
        if (context.method() instanceof OAuth2ClientCredentials method) {
            return method;
        }
        throw new IllegalArgumentException("the oauth2_client_credentials scheme got an auth method of type " + context.method().type());
    }
}
