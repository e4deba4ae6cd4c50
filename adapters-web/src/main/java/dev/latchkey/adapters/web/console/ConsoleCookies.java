package dev.latchkey.adapters.web.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;

import java.util.Optional;

/**
 * The console's two cookies, both HttpOnly, host-only, {@code Path=/console}, {@code Secure} behind https:
 * <ul>
 * <li>the session ({@value #SESSION}): {@code SameSite=Strict}, no Max-Age (the server ends it at the
 * idle or absolute timeout, the browser when it closes);</li>
 * <li>the sign-in under way ({@value #SIGN_IN}): {@code SameSite=Lax}, ten minutes, since it must come
 * back with the identity provider's top-level redirect to the callback, which is cross-site.</li>
 * </ul>
 */
final class ConsoleCookies {
    static final String SESSION = "latchkey_console";
    static final String SIGN_IN = "latchkey_console_sign_in";

    private ConsoleCookies() {
    }

    static Optional<String> session(HttpRequest<?> request) {
        return request.getCookies().findCookie(SESSION).map(Cookie::getValue).filter(v -> !v.isEmpty());
    }

    static Optional<String> signIn(HttpRequest<?> request) {
        return request.getCookies().findCookie(SIGN_IN).map(Cookie::getValue).filter(v -> !v.isEmpty());
    }

    static String session(String secret, boolean https) {
        return SESSION + "=" + secret + "; Path=/console; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    static String signIn(String secret, boolean https) {
        return SIGN_IN + "=" + secret + "; Max-Age=" + ConsoleSessions.SIGN_IN_LIFETIME.toSeconds()
                + "; Path=/console; HttpOnly; SameSite=Lax" + (https ? "; Secure" : "");
    }

    static String clearSession(boolean https) {
        return SESSION + "=; Max-Age=0; Path=/console; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    static String clearSignIn(boolean https) {
        return SIGN_IN + "=; Max-Age=0; Path=/console; HttpOnly; SameSite=Lax" + (https ? "; Secure" : "");
    }
}
