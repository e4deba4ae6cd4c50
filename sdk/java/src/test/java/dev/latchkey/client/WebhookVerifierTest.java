package dev.latchkey.client;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Standard Webhooks verification: the spec's published vector, and vectors signed here with the JDK's HMAC. */
class WebhookVerifierTest {
    private static final long SENT = 1_772_366_400L; // 2026-03-01T12:00:00Z
    private static final byte[] KEY = "a 24 byte signing key!!!".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    private static final String ID = "evt_3f0c9a";
    private static final byte[] BODY = ("{\"id\":\"evt_3f0c9a\",\"type\":\"connection.created\",\"created_at\":\"2026-03-01T12:00:00.123Z\","
            + "\"data\":{\"auth_type\":\"api_key\",\"connection_id\":\"6c1e\",\"connector\":\"stripe\",\"linked_account_id\":\"cust-42\","
            + "\"status\":\"active\"}}").getBytes(StandardCharsets.UTF_8);

    private static WebhookVerifier verifierAt(long epochSecond) {
        return new WebhookVerifier(SECRET, WebhookVerifier.DEFAULT_TOLERANCE, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    /** The signature an independent HMAC-SHA256 gives: the JDK's Mac over "id.timestamp.body". */
    private static String signature(byte[] key, String id, long timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] content = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(content));
    }

    @Test
    void the_vector_published_with_the_standard_webhooks_spec_verifies() {
        WebhookVerifier verifier = new WebhookVerifier("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", WebhookVerifier.DEFAULT_TOLERANCE,
                Clock.fixed(Instant.ofEpochSecond(1614265330), ZoneOffset.UTC));

        assertThatCode(() -> verifier.check("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
                .doesNotThrowAnyException();
    }

    @Test
    void a_signed_request_verifies_and_gives_the_event() throws Exception {
        WebhookEvent event = verifierAt(SENT).verify(ID, Long.toString(SENT), signature(KEY, ID, SENT, BODY), BODY);

        assertThat(event.id()).isEqualTo(ID);
        assertThat(event.type()).isEqualTo("connection.created");
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00.123Z"));
        assertThat(event.linkedAccountId()).isEqualTo("cust-42");
        assertThat(event.connector()).isEqualTo("stripe");
        assertThat(event.connectionId()).isEqualTo("6c1e");
    }

    @Test
    void headers_are_found_in_any_case_and_the_secret_may_come_without_its_prefix() throws Exception {
        Map<String, List<String>> headers = Map.of("Webhook-Id", List.of(ID), "WEBHOOK-TIMESTAMP", List.of(Long.toString(SENT)),
                "webhook-signature", List.of(signature(KEY, ID, SENT, BODY)));
        WebhookVerifier unprefixed = new WebhookVerifier(Base64.getEncoder().encodeToString(KEY), Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochSecond(SENT), ZoneOffset.UTC));

        assertThat(verifierAt(SENT).verify(headers, BODY).type()).isEqualTo("connection.created");
        assertThat(unprefixed.verify(headers, BODY).id()).isEqualTo(ID);
    }

    @Test
    void one_matching_signature_among_several_is_enough_and_other_schemes_are_skipped() throws Exception {
        String otherKey = signature("another key of the rotation".getBytes(StandardCharsets.UTF_8), ID, SENT, BODY);
        String header = "v1a,c29tZSBhc3ltbWV0cmljIHNpZ25hdHVyZQ== " + otherKey + " v1,not-base64!! " + signature(KEY, ID, SENT, BODY);

        assertThatCode(() -> verifierAt(SENT).check(ID, Long.toString(SENT), header, BODY)).doesNotThrowAnyException();
    }

    @Test
    void a_changed_body_id_or_timestamp_or_another_secret_does_not_verify() throws Exception {
        String signed = signature(KEY, ID, SENT, BODY);
        byte[] changed = new String(BODY, StandardCharsets.UTF_8).replace("cust-42", "cust-43").getBytes(StandardCharsets.UTF_8);
        WebhookVerifier verifier = verifierAt(SENT);

        assertThatThrownBy(() -> verifier.check(ID, Long.toString(SENT), signed, changed))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("no v1 signature");
        assertThatThrownBy(() -> verifier.check("evt_other", Long.toString(SENT), signed, BODY)).isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.check(ID, Long.toString(SENT + 1), signed, BODY)).isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.check(ID, Long.toString(SENT),
                signature("not the endpoint's key".getBytes(StandardCharsets.UTF_8), ID, SENT, BODY), BODY))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.check(ID, Long.toString(SENT), "v1a," + signed.substring(3), BODY))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void a_timestamp_more_than_five_minutes_away_is_refused_either_way() throws Exception {
        String signed = signature(KEY, ID, SENT, BODY);

        assertThatCode(() -> verifierAt(SENT + 300).check(ID, Long.toString(SENT), signed, BODY)).doesNotThrowAnyException();
        assertThatCode(() -> verifierAt(SENT - 300).check(ID, Long.toString(SENT), signed, BODY)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verifierAt(SENT + 301).check(ID, Long.toString(SENT), signed, BODY))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("old");
        assertThatThrownBy(() -> verifierAt(SENT - 301).check(ID, Long.toString(SENT), signed, BODY))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("future");
    }

    @Test
    void missing_or_malformed_headers_are_refused() throws Exception {
        String signed = signature(KEY, ID, SENT, BODY);
        WebhookVerifier verifier = verifierAt(SENT);

        assertThatThrownBy(() -> verifier.verify(Map.of(), BODY)).isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("webhook-id");
        assertThatThrownBy(() -> verifier.check(ID, null, signed, BODY)).hasMessageContaining("webhook-timestamp");
        assertThatThrownBy(() -> verifier.check(ID, Long.toString(SENT), null, BODY)).hasMessageContaining("webhook-signature");
        assertThatThrownBy(() -> verifier.check(ID, "yesterday", signed, BODY)).hasMessageContaining("unix seconds");
    }
}
