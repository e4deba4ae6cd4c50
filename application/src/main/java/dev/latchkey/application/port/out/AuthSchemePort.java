package dev.latchkey.application.port.out;

import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.OAuthClient;
import dev.latchkey.domain.credential.Credentials;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One authentication scheme ({@code oauth2}, {@code api_key}, {@code github_app}...): everything
 * Latchkey does with a provider's auth. One adapter class per scheme; the schemes are discovered,
 * and two claiming one {@link #type()} stop the start. Failures at the provider are
 * {@link dev.latchkey.domain.connection.ProviderException}s.
 */
public interface AuthSchemePort {

    /** The {@code type} of the connector files' auth entries this scheme implements. */
    String type();

    /** Authorization-code grant: the provider's consent page for this request. */
    default URI authorizationUrl(AuthorizationRequest request) {
        throw new UnsupportedOperationException(type() + " does not redirect");
    }

    /** Authorization-code grant: the code from the callback, traded for tokens. */
    default Grant exchangeCode(CodeExchange request) {
        throw new UnsupportedOperationException(type() + " does not redirect");
    }

    /** Schemes without a redirect: what the customer typed, turned into credentials (a token when the scheme uses one). */
    default Grant obtain(Context context, Map<String, String> fields) {
        throw new UnsupportedOperationException(type() + " redirects; it cannot obtain credentials from fields");
    }

    /** A new access token, for credentials that carry one; empty when the scheme has nothing to refresh. */
    Optional<Grant> refresh(Context context, Credentials current);

    /** Revokes the credentials at the provider, where the connector declares how; does nothing otherwise. */
    void revoke(Context context, Credentials current);

    /** Headers and query parameters that authenticate a request to the provider's API. */
    Signature sign(Context context, Credentials current);

    /** What every call knows: the connector, the chosen auth entry, the connection's params, the OAuth client if any. */
    record Context(ConnectorDefinition connector, AuthMethod method, Map<String, String> params, Optional<OAuthClient> client) {
        public Context {
            Objects.requireNonNull(connector, "connector");
            Objects.requireNonNull(method, "method");
            params = Map.copyOf(params);
            Objects.requireNonNull(client, "client");
        }
    }

    /** @param codeChallenge the S256 PKCE challenge, when the connector uses PKCE */
    record AuthorizationRequest(Context context, List<String> scopes, String redirectUri, String state, Optional<String> codeChallenge) {
        public AuthorizationRequest {
            scopes = List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "AuthorizationRequest[connector=" + context.connector().slug() + ", scopes=" + scopes + "]";
        }
    }

    record CodeExchange(Context context, String code, String redirectUri, Optional<String> codeVerifier) {
        @Override
        public String toString() {
            return "CodeExchange[connector=" + context.connector().slug() + "]";
        }
    }

    /**
     * Credentials and what came with them.
     *
     * @param tokenValues values of the token response the connector keeps (its {@code token_response}), not secret
     */
    record Grant(Credentials credentials, Map<String, String> tokenValues, List<String> scopes) {
        public Grant {
            Objects.requireNonNull(credentials, "credentials");
            tokenValues = Map.copyOf(tokenValues);
            scopes = List.copyOf(scopes);
        }
    }

    record Signature(Map<String, String> headers, Map<String, String> queryParameters) {
        public Signature {
            headers = Map.copyOf(headers);
            queryParameters = Map.copyOf(queryParameters);
        }

        @Override
        public String toString() {
            return "Signature[headers=" + headers.keySet() + ", query=" + queryParameters.keySet() + "]";
        }
    }
}
