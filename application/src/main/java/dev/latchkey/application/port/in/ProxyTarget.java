package dev.latchkey.application.port.in;

import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.RateLimitPolicy;
import dev.latchkey.domain.credential.TokenFingerprint;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where and how to send a proxied request.
 *
 * @param baseUrl         the connector's API base, filled with the connection's values, checked as a destination
 * @param addresses       the base URL's host resolved and checked: connect to one of these, never resolve again
 * @param headers         the connector's fixed API headers
 * @param queryParameters fixed query parameters (none today: authentication is the signer's)
 * @param token           which access token it is signed with (empty for schemes without one): after a 401,
 *                        the token is refreshed only while this is still the stored one
 * @param propagateTrace  whether the connector lets the provider receive the request's W3C trace context
 *                        ({@code traceparent}, {@code tracestate}); without it, none is sent, the caller's included
 * @param signer          authenticates each request as it is sent (a bearer token, or a signature over the request)
 * @param signsBody       whether the signer wants the body (given when the request is held whole, else not)
 * @param rateLimit       how the provider signals a limit, for retries a caller opts into ({@code X-Latchkey-Retries})
 */
public record ProxyTarget(ConnectionId connectionId, URI baseUrl, List<InetAddress> addresses, Map<String, String> headers,
                          Map<String, String> queryParameters, Optional<TokenFingerprint> token, boolean propagateTrace,
                          Function<Outgoing, Authentication> signer, boolean signsBody, RateLimitPolicy rateLimit) {
    /** Signs nothing: a target whose fixed headers authenticate (tests, tools). */
    public static final Function<Outgoing, Authentication> UNSIGNED = request -> new Authentication(Map.of(), Map.of());

    /** A target whose provider signals limits the default way (429 or 503, Retry-After). */
    public ProxyTarget(ConnectionId connectionId, URI baseUrl, List<InetAddress> addresses, Map<String, String> headers,
                       Map<String, String> queryParameters, Optional<TokenFingerprint> token, boolean propagateTrace,
                       Function<Outgoing, Authentication> signer, boolean signsBody) {
        this(connectionId, baseUrl, addresses, headers, queryParameters, token, propagateTrace, signer, signsBody, RateLimitPolicy.DEFAULT);
    }

    /** A target whose provider is sent no trace context, authenticated by its fixed headers. */
    public ProxyTarget(ConnectionId connectionId, URI baseUrl, List<InetAddress> addresses, Map<String, String> headers,
                       Map<String, String> queryParameters, Optional<TokenFingerprint> token) {
        this(connectionId, baseUrl, addresses, headers, queryParameters, token, false, UNSIGNED, false);
    }

    /** A target signed without an access token (keys, basic auth). */
    public ProxyTarget(ConnectionId connectionId, URI baseUrl, List<InetAddress> addresses, Map<String, String> headers,
                       Map<String, String> queryParameters) {
        this(connectionId, baseUrl, addresses, headers, queryParameters, Optional.empty());
    }

    public ProxyTarget {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(baseUrl, "baseUrl");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a proxy target needs the addresses its host was checked at");
        }
        headers = Map.copyOf(headers);
        queryParameters = Map.copyOf(queryParameters);
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(rateLimit, "rateLimit");
    }

    /**
     * What authenticates one request to the provider, made by the {@code signer}.
     *
     * @param uri     the full URL the request goes to, before the signature's query parameters
     * @param headers the headers it is sent with
     * @param body    the body, when {@link #signsBody()} and the request is held whole
     */
    public Authentication authenticate(String method, URI uri, Map<String, String> headers, Optional<byte[]> body) {
        return signer.apply(new Outgoing(method, uri, headers, body));
    }

    /** A request on its way to the provider, as its signer sees it. */
    public record Outgoing(String method, URI uri, Map<String, String> headers, Optional<byte[]> body) {
        public Outgoing {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }

    /** What authenticates one request: headers to set and query parameters to add. */
    public record Authentication(Map<String, String> headers, Map<String, String> queryParameters) {
        public Authentication {
            headers = Map.copyOf(headers);
            queryParameters = Map.copyOf(queryParameters);
        }

        @Override
        public String toString() {
            return "Authentication[headers=" + headers.keySet() + ", query=" + queryParameters.keySet() + "]";
        }
    }

    @Override
    public String toString() {
        return "ProxyTarget[connection=" + connectionId + ", base=" + baseUrl + ", headers=" + headers.keySet() + "]";
    }
}
