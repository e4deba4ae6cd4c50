package dev.latchkey.domain.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * Which access token something was signed with, without the token: the SHA-256 of its value,
 * base64url without padding (43 characters). Safe to log and to hand out (the token cannot be
 * recovered from it); compared in constant time. It travels from a request the provider rejected
 * to the refresh, so that a 401 refreshes only while the rejected token is still the stored one.
 */
public record TokenFingerprint(String value) {
    private static final int LENGTH = 43;

    public TokenFingerprint {
        Objects.requireNonNull(value, "value");
        if (value.length() != LENGTH || !value.chars().allMatch(TokenFingerprint::base64url)) {
            throw new IllegalArgumentException("must be the token_id of an access token (43 characters of base64url), as it came with the token");
        }
    }

    public static TokenFingerprint of(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.UTF_8));
            return new TokenFingerprint(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether {@code token} is the token this fingerprint was taken of. */
    public boolean matches(AccessToken token) {
        return MessageDigest.isEqual(of(token.value()).value.getBytes(StandardCharsets.US_ASCII), value.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean base64url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
