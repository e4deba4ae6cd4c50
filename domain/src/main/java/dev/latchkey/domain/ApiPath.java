package dev.latchkey.domain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The confinement rule of a path joined under a connector's API base URL, shared by the proxy (the
 * part of a proxy URL after the connector) and config fields' {@code options_from.path}: no dot
 * segments (also percent-encoded, also with a matrix part such as {@code ..;}, which servers such as
 * Tomcat treat as {@code ..}), no backslashes, no {@code @}, no scheme or authority, no control
 * characters, no double encoding.
 */
public final class ApiPath {
    private ApiPath() {
    }

    /** Why this raw path (relative: without its leading '/') is refused, or empty when it is fine. */
    public static Optional<String> problem(String rawPath) {
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
}
