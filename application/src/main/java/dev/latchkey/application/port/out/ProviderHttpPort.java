package dev.latchkey.application.port.out;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Requests Latchkey makes to a provider's API on a connection's behalf (verification, identity;
 * later the proxy). Refuses loopback, private, link-local and metadata addresses unless the operator
 * allowed private networks. Network failures and refused addresses are
 * {@link dev.latchkey.domain.connection.ProviderException}s of kind UNAVAILABLE.
 */
public interface ProviderHttpPort {
    ProviderResponse send(ProviderRequest request);

    /**
     * Refuses, as {@code send} would, a destination Latchkey must not reach (a private address, plain
     * http), and answers the addresses it checked: for requests that go out another way, such as the
     * streaming proxy, which connects to exactly these so a second DNS answer cannot lead elsewhere.
     */
    List<InetAddress> checkDestination(URI uri);

    record ProviderRequest(String method, URI uri, Map<String, String> headers, Optional<String> body) {
        public ProviderRequest {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        @Override
        public String toString() {
            return "ProviderRequest[" + method + " " + uri.getScheme() + "://" + uri.getHost() + uri.getPath() + "]";
        }
    }

    /**
     * @param body the response body as text, cut at 1 MiB
     * @param json the body parsed, when it is JSON: maps, lists, strings, numbers, booleans
     */
    record ProviderResponse(int status, Map<String, String> headers, String body, Optional<Object> json) {
        public ProviderResponse {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(json, "json");
        }

        public ProviderResponse(int status, Map<String, String> headers, String body) {
            this(status, headers, body, Optional.empty());
        }

        /** Token responses pass through here: the body never reaches a log. */
        @Override
        public String toString() {
            return "ProviderResponse[status=" + status + ", bodyLength=" + body.length() + "]";
        }
    }
}
