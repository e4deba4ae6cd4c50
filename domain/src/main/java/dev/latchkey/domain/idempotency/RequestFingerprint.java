package dev.latchkey.domain.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a request asked for: the SHA-256 of its method, path and body bytes. A key sent again with
 * another fingerprint is a mistake of the caller ({@code idempotency_key_reused}), not a retry.
 */
public record RequestFingerprint(byte[] sha256) {
    private static final int LENGTH = 32;

    public RequestFingerprint {
        if (sha256 == null || sha256.length != LENGTH) {
            throw new IllegalArgumentException("a request fingerprint is a SHA-256 hash of 32 bytes");
        }
        sha256 = sha256.clone();
    }

    public static RequestFingerprint of(String method, String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            // Lengths first, so no method/path/body split can collide with another.
            for (byte[] part : new byte[][]{method.getBytes(StandardCharsets.UTF_8), path.getBytes(StandardCharsets.UTF_8), body}) {
                digest.update(Integer.toString(part.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(part);
            }
            return new RequestFingerprint(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    public boolean matches(RequestFingerprint other) {
        return MessageDigest.isEqual(sha256, other.sha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RequestFingerprint that && Arrays.equals(sha256, that.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "RequestFingerprint[" + HexFormat.of().formatHex(sha256) + "]";
    }
}
