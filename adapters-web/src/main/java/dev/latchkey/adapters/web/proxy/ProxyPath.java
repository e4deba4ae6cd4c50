package dev.latchkey.adapters.web.proxy;

import dev.latchkey.domain.ApiPath;

import java.net.URI;
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

    /** Why this raw path is refused, or empty when it is fine (the rule config fields' options_from.path shares). */
    static Optional<String> problem(String rawPath) {
        return ApiPath.problem(rawPath);
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
