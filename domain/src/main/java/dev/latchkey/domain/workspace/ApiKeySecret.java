package dev.latchkey.domain.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The plaintext of an API key: {@code lk_test_} or {@code lk_live_} followed by 256 random bits in
 * base64url. It exists only while a key is being shown once or checked; only its hash is stored.
 */
public final class ApiKeySecret {
    private static final int RANDOM_BYTES = 32;
    private static final int PREFIX_LENGTH = 8;
    private static final int MIN_DISTINCT_CHARACTERS = 16;
    private static final Pattern SHAPE = Pattern.compile("lk_(test|live)_[A-Za-z0-9_-]{43,128}");

    private static final HexFormat HEX = HexFormat.of();
    /** Hashed on every API request: one digest per thread rather than a provider lookup each time. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private final String value;

    private ApiKeySecret(String value) {
        this.value = value;
    }

    public static ApiKeySecret generate(Environment environment, SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new ApiKeySecret(environment.keyPrefix() + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Accepts a key given by an operator (the bootstrap key) or a caller; refuses anything too weak. */
    public static ApiKeySecret parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "must be lk_test_ or lk_live_ followed by at least 43 base64url characters (256 bits)");
        }
        // A random 43-character base64url string has ~30 distinct characters; "aaaa..." is not a key.
        if (text.substring(PREFIX_LENGTH).chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            throw new IllegalArgumentException("looks hand-made (too few distinct characters); generate it randomly");
        }
        return new ApiKeySecret(text);
    }

    /**
     * A key a caller presented, to be looked up by its hash: only its shape is checked (a weak key
     * matches no stored hash anyway). Empty for anything that is not shaped like a key.
     */
    public static Optional<ApiKeySecret> presented(String text) {
        return text != null && SHAPE.matcher(text).matches() ? Optional.of(new ApiKeySecret(text)) : Optional.empty();
    }

    public static boolean looksLikeApiKey(String text) {
        return text != null && (text.startsWith(Environment.TEST.keyPrefix()) || text.startsWith(Environment.LIVE.keyPrefix()));
    }

    public Environment environment() {
        return value.startsWith(Environment.LIVE.keyPrefix()) ? Environment.LIVE : Environment.TEST;
    }

    /** SHA-256 in hex. The key carries 256 random bits, so a fast hash is not open to guessing. */
    public String hash() {
        MessageDigest sha256 = SHA256.get();
        sha256.reset();
        return HEX.formatHex(sha256.digest(value.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The first characters, safe to show in a list so an operator can tell keys apart. */
    public String hint() {
        return value.substring(0, Environment.TEST.keyPrefix().length() + 4) + "…";
    }

    /** The plaintext, for the single moment it is shown to its owner. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKeySecret that && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.US_ASCII), that.value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKeySecret[" + hint() + "]";
    }
}
