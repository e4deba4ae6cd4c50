package dev.latchkey.adapters.web.portal;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;

import java.util.Optional;

/**
 * The portal session's cookie: HttpOnly, host-only, {@code Path=/portal}. A top-level visit gets
 * {@code SameSite=Lax} (plus {@code Secure} behind https), so no cross-site subrequest carries it.
 * A framed visit behind https gets {@code SameSite=None; Secure; Partitioned}: a cross-site frame
 * gets no Lax cookie, and browsers that block third-party cookies still keep a partitioned (CHIPS)
 * one, keyed to the framing site; CSRF tokens and frame-ancestors guard the forms then. Written by
 * hand: Micronaut's cookie has no Partitioned attribute.
 */
final class PortalCookie {
    static final String NAME = "latchkey_portal";

    private PortalCookie() {
    }

    /** The session secret the request's cookie holds, if it sends one. */
    static Optional<String> secret(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).map(Cookie::getValue);
    }

    /** The {@code Set-Cookie} header value that starts a session. */
    static String header(String secret, long maxAgeSeconds, boolean https, boolean framed) {
        StringBuilder cookie = new StringBuilder(NAME).append('=').append(secret).append("; Max-Age=").append(maxAgeSeconds)
                .append("; Path=/portal; HttpOnly");
        if (https && framed) {
            return cookie.append("; SameSite=None; Secure; Partitioned").toString();
        }
        cookie.append("; SameSite=Lax");
        return https ? cookie.append("; Secure").toString() : cookie.toString();
    }

    /** Whether the browser loads this document in a frame: it says so in {@code Sec-Fetch-Dest} ({@code iframe}, {@code frame}). */
    static boolean framed(HttpRequest<?> request) {
        String dest = request.getHeaders().get("Sec-Fetch-Dest");
        return "iframe".equalsIgnoreCase(dest) || "frame".equalsIgnoreCase(dest);
    }
}
