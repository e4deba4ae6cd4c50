package dev.latchkey.application.port.out;

import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.OAuthClient;
import dev.latchkey.domain.credential.Credentials;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One authentication scheme ({@code oauth2}, {@code api_key}, {@code oauth1}, {@code github_app}...):
 * everything Latchkey does with a provider's auth, in one adapter class. The schemes are discovered,
 * and two claiming one {@link #type()} stop the start. A scheme declares what it does through
 * {@link #capabilities}; nothing else in Latchkey knows which scheme it is. Failures at the provider
 * are {@link dev.latchkey.domain.connection.ProviderException}s.
 */
public interface AuthSchemePort {

    /** The {@code type} of the connector files' auth entries this scheme implements. */
    String type();

    /** What this scheme does for one auth entry: redirect or fields, refresh, scopes, what it signs. */
    AuthCapabilities capabilities(AuthMethod method);

    /**
     * The entry's scheme-specific keys checked, each problem added under {@code path} (such as {@code auth[0]}) plus its key.
     * The declarative kinds are checked by the definition reader; a scheme reading {@link AuthMethod.Custom#settings()} checks them here.
     */
    default void check(AuthMethod method, String path, Violations violations) {
    }

    /** Redirecting schemes: the provider's consent page, and what the callback will need kept until then. */
    default Authorization authorize(AuthorizationRequest request) {
        throw new UnsupportedOperationException(type() + " does not redirect");
    }

    /** Redirecting schemes: the callback's parameters (those the capabilities name) turned into credentials. */
    default Grant complete(Completion completion) {
        throw new UnsupportedOperationException(type() + " does not redirect");
    }

    /** Schemes without a redirect: what the customer typed, turned into credentials (a token when the scheme uses one). */
    default Grant obtain(Context context, Map<String, String> fields) {
        throw new UnsupportedOperationException(type() + " redirects; it cannot obtain credentials from fields");
    }

    /** A renewed credential, for schemes whose credentials refresh; empty when there is nothing to refresh. */
    Optional<Grant> refresh(Context context, Credentials current);

    /** Revokes the credentials at the provider, where the connector declares how; does nothing otherwise. */
    void revoke(Context context, Credentials current);

    /**
     * Headers and query parameters that authenticate this request to the provider's API. Schemes whose signature
     * does not depend on the request (a bearer token, an API key) return the same for every request.
     */
    Signature sign(Context context, Credentials current, OutboundRequest request);

    /** What every call knows: the connector, the chosen auth entry, the connection's params, the workspace's app if any. */
    record Context(ConnectorDefinition connector, AuthMethod method, Map<String, String> params, Optional<OAuthClient> client) {
        public Context {
            Objects.requireNonNull(connector, "connector");
            Objects.requireNonNull(method, "method");
            params = Map.copyOf(params);
            Objects.requireNonNull(client, "client");
        }
    }

    /**
     * @param redirectUri where the provider sends the customer back
     * @param state       Latchkey's secret for this authorization: the scheme makes sure the callback carries it as {@code state}
     */
    record AuthorizationRequest(Context context, List<String> scopes, String redirectUri, String state) {
        public AuthorizationRequest {
            scopes = List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "AuthorizationRequest[connector=" + context.connector().slug() + ", scopes=" + scopes + "]";
        }
    }

    /**
     * @param url  the consent page the customer is sent to
     * @param kept a secret the completion needs (a PKCE verifier, a request token's secret), kept encrypted until the callback
     */
    record Authorization(URI url, Optional<String> kept) {
        public Authorization {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(kept, "kept");
        }

        @Override
        public String toString() {
            return "Authorization[url=" + url.getHost() + "]";
        }
    }

    /** @param callback the callback's query parameters; @param kept what {@link #authorize} asked to keep */
    record Completion(Context context, Map<String, String> callback, String redirectUri, Optional<String> kept) {
        public Completion {
            callback = Map.copyOf(callback);
            Objects.requireNonNull(kept, "kept");
        }

        @Override
        public String toString() {
            return "Completion[connector=" + context.connector().slug() + ", parameters=" + callback.keySet() + "]";
        }
    }

    /**
     * A request about to be sent to the provider, for schemes whose signature covers it.
     *
     * @param uri  the full URL, query included (the scheme's own query parameters not yet added)
     * @param body the body when the capabilities ask for it and the sender holds it whole; empty otherwise (streamed)
     */
    record OutboundRequest(String method, URI uri, Map<String, String> headers, Optional<Body> body) {
        public OutboundRequest {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        public static OutboundRequest of(String method, URI uri) {
            return new OutboundRequest(method, uri, Map.of(), Optional.of(Body.EMPTY));
        }

        /** A header's value, its name matched regardless of case. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }

        @Override
        public String toString() {
            return "OutboundRequest[" + method + " " + uri.getHost() + "]";
        }
    }

    /** A request body held whole. */
    record Body(byte[] bytes) {
        public static final Body EMPTY = new Body(new byte[0]);

        public Body {
            bytes = bytes.clone();
        }

        /** The body's SHA-256 as lowercase hex (the payload hash of AWS SigV4, the body digest others sign). */
        public String sha256Hex() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Body b && java.util.Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Body[" + bytes.length + " bytes]";
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
