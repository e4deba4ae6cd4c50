package dev.latchkey.application.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** The random values of an authorization: state (256 bits, stored only hashed), link codes, session values. */
final class OAuthSecrets {
    private OAuthSecrets() {
    }

    /** Far longer than any value {@link #random} makes (43 characters): a longer one is not worth hashing. */
    private static final int MAX_PRESENTED_LENGTH = 100;

    static String random(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String stateHash(String state) {
        return HexFormat.of().formatHex(sha256(state));
    }

    /** Whether a value presented back to us (a link code, a session cookie) could be one {@link #random} made. */
    static boolean couldBeOurs(String presented) {
        return presented != null && !presented.isEmpty() && presented.length() <= MAX_PRESENTED_LENGTH;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
