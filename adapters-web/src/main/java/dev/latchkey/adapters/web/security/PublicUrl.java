package dev.latchkey.adapters.web.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Where Latchkey is reachable from browsers and providers ({@code LATCHKEY_PUBLIC_URL}). */
@Singleton
public class PublicUrl {
    private final String base;

    public PublicUrl(@Value("${latchkey.public-url:`http://localhost:8080`}") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String base() {
        return base;
    }

    /** Where the hosted portal's pages live; the OAuth callback may send a customer back under it. */
    public String portalBase() {
        return base + "/portal/";
    }

    /** Whether browsers reach Latchkey over https (portal cookies are then Secure). */
    public boolean isHttps() {
        return base.regionMatches(true, 0, "https://", 0, 8);
    }

    /** The one OAuth redirect URI of every connector. */
    public String oauthRedirectUri() {
        return base + "/oauth/callback";
    }
}
