package dev.latchkey.application.port.in;

import dev.latchkey.domain.connection.ConnectionId;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to send a proxied request.
 *
 * @param baseUrl         the connector's API base, filled with the connection's values, checked as a destination
 * @param headers         the connector's fixed API headers and the authentication headers
 * @param queryParameters authentication by query parameter, if the scheme uses it
 */
public record ProxyTarget(ConnectionId connectionId, URI baseUrl, Map<String, String> headers, Map<String, String> queryParameters) {
    public ProxyTarget {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(baseUrl, "baseUrl");
        headers = Map.copyOf(headers);
        queryParameters = Map.copyOf(queryParameters);
    }

    @Override
    public String toString() {
        return "ProxyTarget[connection=" + connectionId + ", base=" + baseUrl + ", headers=" + headers.keySet() + "]";
    }
}
