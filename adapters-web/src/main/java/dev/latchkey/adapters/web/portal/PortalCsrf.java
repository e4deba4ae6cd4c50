package dev.latchkey.adapters.web.portal;

import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The portal's CSRF token: a hash of the session cookie's value, so it is worthless without the
 * (httpOnly) cookie. Every portal form posts it in {@value #FIELD}.
 */
final class PortalCsrf {
    static final String FIELD = "_csrf";

    private PortalCsrf() {
    }

    static String token(String sessionSecret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("csrf:" + sessionSecret).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether a posted form carries the token (compared in constant time). */
    static boolean carriedBy(@Nullable Map<String, String> form, String token) {
        String sent = form == null ? null : form.get(FIELD);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
