package dev.latchkey.domain.workspace;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The origins a workspace trusts: return URLs must be under one, postMessage targets one, and
 * (later) only these may frame the portal. An origin is {@code scheme://host[:port]}, nothing more.
 */
public record AllowedOrigins(List<String> origins) {
    public static final AllowedOrigins NONE = new AllowedOrigins(List.of());
    public static final int MAX = 50;

    public AllowedOrigins {
        origins = origins.stream().map(AllowedOrigins::normalize).distinct().toList();
        if (origins.size() > MAX) {
            throw new IllegalArgumentException("at most " + MAX + " origins");
        }
    }

    /** The origin of a URL when it is under an allowed origin. */
    public Optional<String> originOf(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            String origin = origin(uri);
            return origins.contains(origin) ? Optional.of(origin) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    public boolean allows(String url) {
        return originOf(url).isPresent();
    }

    private static String normalize(String text) {
        try {
            URI uri = new URI(text);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (uri.getHost() == null || !bare || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("'" + text + "' is not an origin: give scheme://host[:port], e.g. https://app.acme.com");
            }
            return origin(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not an origin: give scheme://host[:port], e.g. https://app.acme.com");
        }
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
