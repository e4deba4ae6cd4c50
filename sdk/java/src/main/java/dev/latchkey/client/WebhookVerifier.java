package dev.latchkey.client;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies Latchkey's webhook requests per <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>:
 * the headers {@code webhook-id}, {@code webhook-timestamp} (unix seconds) and
 * {@code webhook-signature} ({@code v1,<base64>}, possibly several separated by spaces, e.g.
 * while a secret rotates), where each signature is HMAC-SHA256 over
 * {@code {webhook-id}.{webhook-timestamp}.{raw body}} keyed with the base64-decoded part of the
 * {@code whsec_} secret. Signatures are compared in constant time; a timestamp further than the
 * tolerance (5 minutes) from this machine's clock is refused, so a captured request cannot be
 * replayed later.
 *
 * <p>Verify the raw body bytes as they arrived, before any JSON parsing: a re-serialized body has
 * other bytes and does not verify.
 *
 * <pre>{@code
 * WebhookVerifier verifier = new WebhookVerifier(System.getenv("LATCHKEY_WEBHOOK_SECRET"));
 * WebhookEvent event = verifier.verify(requestHeaders, rawBody); // throws WebhookVerificationException
 * }</pre>
 */
public final class WebhookVerifier {
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String PREFIX = "whsec_";

    private final SecretKeySpec key;
    private final Duration tolerance;
    private final Clock clock;

    /** @param secret the endpoint's signing secret, {@code whsec_...} (the prefix may be left out) */
    public WebhookVerifier(String secret) {
        this(secret, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    public WebhookVerifier(String secret, Duration tolerance, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
        } catch (IllegalArgumentException e) {
            // The message of the decoder could quote the secret: never passed on.
            throw new IllegalArgumentException("the webhook secret is not 'whsec_' followed by base64; copy it as Latchkey showed it");
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /**
     * Verifies a request from its headers (names in any case: a JDK {@code Headers}, a Spring
     * {@code HttpHeaders}, a servlet's headers copied into a map) and raw body, and reads the event.
     */
    public WebhookEvent verify(Map<String, ? extends List<String>> headers, byte[] rawBody) {
        List<String> signatures = values(headers, "webhook-signature");
        return verify(first(values(headers, "webhook-id")), first(values(headers, "webhook-timestamp")),
                signatures.isEmpty() ? null : String.join(" ", signatures), rawBody);
    }

    /** Verifies the three header values and the raw body, and reads the event. */
    public WebhookEvent verify(String webhookId, String webhookTimestamp, String webhookSignature, byte[] rawBody) {
        check(webhookId, webhookTimestamp, webhookSignature, rawBody);
        try {
            return Transport.JSON.readValue(rawBody, WebhookEvent.class);
        } catch (IOException e) {
            throw new WebhookVerificationException("the signed body is not a Latchkey event (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Verifies without reading the body; throws {@link WebhookVerificationException} when it does not verify. */
    public void check(String webhookId, String webhookTimestamp, String webhookSignature, byte[] rawBody) {
        if (webhookId == null || webhookId.isEmpty()) {
            throw new WebhookVerificationException("the webhook-id header is missing");
        }
        if (webhookTimestamp == null || webhookSignature == null) {
            throw new WebhookVerificationException("the webhook-" + (webhookTimestamp == null ? "timestamp" : "signature") + " header is missing");
        }
        Objects.requireNonNull(rawBody, "rawBody");
        long seconds;
        try {
            seconds = Long.parseLong(webhookTimestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("the webhook-timestamp header is not unix seconds");
        }
        Instant now = clock.instant();
        Instant sent = Instant.ofEpochSecond(seconds);
        if (sent.isBefore(now.minus(tolerance))) {
            throw new WebhookVerificationException("the webhook-timestamp is more than " + tolerance.toSeconds() + " s old");
        }
        if (sent.isAfter(now.plus(tolerance))) {
            throw new WebhookVerificationException("the webhook-timestamp is more than " + tolerance.toSeconds() + " s in the future");
        }
        byte[] expected = sign(webhookId, webhookTimestamp.trim(), rawBody);
        boolean matched = false;
        for (String candidate : webhookSignature.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !"v1".equals(candidate.substring(0, comma))) {
                continue; // another scheme (e.g. v1a, asymmetric): not ours to check
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            // No early exit: every candidate is compared, each in constant time.
            matched |= MessageDigest.isEqual(expected, given);
        }
        if (!matched) {
            throw new WebhookVerificationException("no v1 signature of the webhook-signature header matches this body and secret");
        }
    }

    private byte[] sign(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    private static List<String> values(Map<String, ? extends List<String>> headers, String name) {
        List<String> values = new java.util.ArrayList<>();
        for (Map.Entry<String, ? extends List<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name) && header.getValue() != null) {
                values.addAll(header.getValue());
            }
        }
        return values;
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String toString() {
        return "WebhookVerifier[tolerance=" + tolerance + ", secret=***]";
    }
}
