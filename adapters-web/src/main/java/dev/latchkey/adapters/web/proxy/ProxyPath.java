package dev.latchkey.adapters.web.proxy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The part of a proxy URL after the connector, checked so the request cannot leave the connector's
 * API base: no dot segments (also percent-encoded, also {@code ..;}), no backslashes, no {@code @},
 * no scheme or authority, no control characters. After joining, host, port, scheme and base path
 * are compared once more.
 */
final class ProxyPath {
    private ProxyPath() {
    }

    /** Why this raw path is refused, or empty when it is fine. */
    static Optional<String> problem(String rawPath) {
        if (rawPath.startsWith("/")) {
            return Optional.of("must not start with another '/' (no authority may follow the connector)");
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%25")) {
            return Optional.of("must not contain double-encoded characters");
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.of("has a malformed percent-encoding");
        }
        if (decoded.contains("\\") || decoded.contains("@") || decoded.contains("://")) {
            return Optional.of("must not contain '\\', '@' or a URL scheme");
        }
        if (decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("must not contain control characters");
        }
        for (String segment : decoded.split("/", -1)) {
            String bare = segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment;
            if (bare.equals(".") || bare.equals("..")) {
                return Optional.of("must not contain '.' or '..' segments");
            }
        }
        return Optional.empty();
    }

    /** Whether the joined URL is still under the base: same scheme, host and port, below its path. */
    static boolean confined(URI base, URI target) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        String targetPath = target.getRawPath() == null ? "" : target.getRawPath();
        return base.getScheme().equalsIgnoreCase(target.getScheme())
                && base.getHost().equalsIgnoreCase(target.getHost())
                && base.getPort() == target.getPort()
                && target.getRawUserInfo() == null
                && (targetPath.equals(basePath) || targetPath.startsWith(basePath + "/"));
    }
}
