package dev.latchkey.domain.webhook;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * An endpoint's signing secret, the Standard Webhooks way: {@code whsec_} + base64 of 32 random
 * bytes; the HMAC key is the base64-decoded part after the prefix. Never printed.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 32;

    private final String value;

    private WebhookSecret(String value) {
        this.value = value;
    }

    public static WebhookSecret generate(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** @throws IllegalArgumentException not {@code whsec_} + base64 */
    public static WebhookSecret parse(String text) {
        Objects.requireNonNull(text, "secret");
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        try {
            if (Base64.getDecoder().decode(text.substring(PREFIX.length())).length == 0) {
                throw new IllegalArgumentException("a webhook secret holds a key after " + PREFIX);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is " + PREFIX + " followed by base64");
        }
        return new WebhookSecret(text);
    }

    /** The text shown once to the company: {@code whsec_...}. */
    public String reveal() {
        return value;
    }

    /** The HMAC-SHA256 key: the base64-decoded part after {@code whsec_}. */
    public byte[] key() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
