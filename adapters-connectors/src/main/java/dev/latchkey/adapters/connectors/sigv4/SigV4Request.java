package dev.latchkey.adapters.connectors.sigv4;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of an HTTP request that a SigV4 signature covers.
 *
 * @param path    the path exactly as it is sent in the request line, percent-encoded as on the wire
 *                ({@code /} when empty); a client that re-encodes the path after signing breaks the signature
 * @param query   the query exactly as sent, without {@code ?} (empty when none); {@code +} is a literal plus
 * @param headers the headers to sign, in order, names in any case; repeated names are kept. Host must be
 *                among them (as {@link #of} adds it); Authorization, X-Amz-Date, X-Amz-Security-Token and
 *                x-amz-content-sha256 are the signer's own and are replaced
 * @param payload the body, its hash, or {@link Payload.Unsigned}
 */
public record SigV4Request(String method, String path, String query, List<Map.Entry<String, String>> headers, Payload payload) {
    public SigV4Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(payload, "payload");
        if (!method.matches("[A-Z]{1,16}")) {
            throw new IllegalArgumentException("method: must be an HTTP method in capitals, such as GET");
        }
        if (path.isEmpty()) {
            path = "/";
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: must start with /");
        }
        headers = headers.stream().map(h -> Map.entry(h.getKey(), h.getValue())).toList();
        for (Map.Entry<String, String> header : headers) {
            if (!header.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new IllegalArgumentException("headers: " + header.getKey() + " is not a valid header name");
            }
            if (header.getValue().indexOf('\r') >= 0 || header.getValue().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("headers: the value of " + header.getKey() + " holds a line break");
            }
        }
    }

    /**
     * A request to {@code uri} (its raw path and query are what is signed, and sent), with a
     * {@code Host} header from its authority unless {@code headers} has one; headers for which
     * {@link #worthSigning(String)} is false are left out.
     */
    public static SigV4Request of(String method, URI uri, Map<String, String> headers, Payload payload) {
        List<Map.Entry<String, String>> signed = new ArrayList<>();
        if (headers.keySet().stream().noneMatch("host"::equalsIgnoreCase)) {
            if (uri.getRawAuthority() == null) {
                throw new IllegalArgumentException("url: must be absolute, with a host");
            }
            signed.add(Map.entry("Host", hostHeader(uri)));
        }
        headers.forEach((name, value) -> {
            if (worthSigning(name)) {
                signed.add(Map.entry(name, value));
            }
        });
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new SigV4Request(method, path, uri.getRawQuery() == null ? "" : uri.getRawQuery(), signed, payload);
    }

    /**
     * The headers worth signing on a proxied request: {@code host}, {@code content-type},
     * {@code content-md5} and every {@code x-amz-*} — those AWS requires or recommends, and that no
     * hop rewrites (unlike user-agent, accept-encoding or content-length).
     */
    public static boolean worthSigning(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.equals("host") || lower.equals("content-type") || lower.equals("content-md5") || lower.startsWith("x-amz-");
    }

    /** What an HTTP/1.1 client sends as Host for {@code uri}: the host, with the port when it is not the scheme's default. */
    public static String hostHeader(URI uri) {
        String host = uri.getHost() == null ? uri.getRawAuthority() : uri.getHost();
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
        return defaultPort ? host : host + ":" + port;
    }

    /** What the signature says of the body. */
    public sealed interface Payload {
        /** The whole body; hashed by the signer. */
        record Bytes(byte[] body) implements Payload {
            public Bytes {
                body = body.clone();
            }

            @Override
            public boolean equals(Object other) {
                return other instanceof Bytes bytes && java.util.Arrays.equals(body, bytes.body);
            }

            @Override
            public int hashCode() {
                return java.util.Arrays.hashCode(body);
            }

            @Override
            public String toString() {
                return "Bytes[" + body.length + " bytes]";
            }
        }

        /** The SHA-256 of the body, in lowercase hex, computed while it was read or streamed. */
        record Hashed(String sha256Hex) implements Payload {
            public Hashed {
                if (!sha256Hex.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("payload: a SHA-256 in lowercase hex has 64 characters");
                }
            }
        }

        /** {@code UNSIGNED-PAYLOAD}: the body is not covered (a streamed upload, where the service allows it). */
        record Unsigned() implements Payload {
        }

        Payload EMPTY = new Bytes(new byte[0]);
        Payload UNSIGNED = new Unsigned();

        static Payload of(byte[] body) {
            return new Bytes(body);
        }

        static Payload hashed(String sha256Hex) {
            return new Hashed(sha256Hex);
        }
    }
}
