package dev.latchkey.adapters.connectors.sigv4;

import dev.latchkey.adapters.connectors.sigv4.SigV4Request.Payload;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules around the published vectors: S3's variant, payload forms, tokens, what is signed, and secrets kept out of strings. */
class SigV4SignerTest {
    private static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final SigV4Credentials KEYS = SigV4Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    private static SigV4Signature sign(String method, String path, Payload payload, SigV4Options options) {
        return SigV4Signer.sign(new SigV4Request(method, path, "", List.of(Map.entry("Host", "example.amazonaws.com")), payload), KEYS, options, TIME);
    }

    private static String canonicalUri(SigV4Signature signed) {
        return signed.canonicalRequest().split("\n")[1];
    }

    @Test
    void services_other_than_s3_encode_the_sent_path_a_second_time() {
        SigV4Signature signed = sign("POST", "/2015-03-31/functions/my%3Afunction/invocations", Payload.EMPTY, SigV4Options.of("us-east-1", "lambda"));

        assertThat(canonicalUri(signed)).isEqualTo("/2015-03-31/functions/my%253Afunction/invocations");
    }

    @Test
    void s3_encodes_once_and_keeps_empty_and_dot_segments_of_keys() {
        SigV4Options s3 = SigV4Options.of("us-east-1", "s3");

        assertThat(canonicalUri(sign("GET", "/bucket/a%3Ab", Payload.EMPTY, s3))).isEqualTo("/bucket/a%3Ab");
        assertThat(canonicalUri(sign("GET", "/bucket//x/../y/", Payload.EMPTY, s3))).isEqualTo("/bucket//x/../y/");
        assertThat(canonicalUri(sign("GET", "/bucket/a b(1)", Payload.EMPTY, s3))).isEqualTo("/bucket/a%20b%281%29");
    }

    @Test
    void s3_sends_the_payload_hash_and_accepts_unsigned_payload_for_streams() {
        SigV4Signature signed = sign("PUT", "/bucket/big.bin", Payload.UNSIGNED, SigV4Options.of("us-east-1", "s3"));

        assertThat(signed.headers()).containsEntry("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        assertThat(signed.canonicalRequest()).endsWith("\nhost;x-amz-content-sha256;x-amz-date\nUNSIGNED-PAYLOAD");
    }

    @Test
    void unsigned_payload_is_refused_for_services_that_require_a_signed_one() {
        assertThatThrownBy(() -> sign("POST", "/v2/email/outbound-emails", Payload.UNSIGNED, SigV4Options.of("us-east-1", "ses")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payload:");
    }

    @Test
    void a_precomputed_hash_signs_like_the_body_it_hashes() {
        byte[] body = "{\"inputText\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
        SigV4Options bedrock = SigV4Options.of("us-east-1", "bedrock");

        assertThat(sign("POST", "/model/m/invoke", Payload.hashed(SigV4Signer.sha256Hex(body)), bedrock).signature())
                .isEqualTo(sign("POST", "/model/m/invoke", Payload.of(body), bedrock).signature())
                .isNotEqualTo(sign("POST", "/model/m/invoke", Payload.EMPTY, bedrock).signature());
    }

    @Test
    void the_host_comes_from_the_url_with_its_port_and_only_headers_worth_signing_are_signed() {
        SigV4Request request = SigV4Request.of("GET", URI.create("https://localhost:8443/path?b=2&a=1"),
                Map.of("User-Agent", "x", "Accept-Encoding", "gzip", "Content-Type", "application/json", "X-Amz-Target", "Svc.Op"), Payload.EMPTY);

        SigV4Signature signed = SigV4Signer.sign(request, KEYS, SigV4Options.of("us-east-1", "service"), TIME);

        assertThat(signed.canonicalRequest()).contains("\nhost:localhost:8443\n").contains("\na=1&b=2\n");
        assertThat(signed.signedHeaders()).isEqualTo("content-type;host;x-amz-date;x-amz-target");
        assertThat(SigV4Request.hostHeader(URI.create("https://s3.amazonaws.com:443/"))).isEqualTo("s3.amazonaws.com");
    }

    @Test
    void the_signers_own_headers_given_by_the_caller_are_replaced_not_duplicated() {
        SigV4Request request = new SigV4Request("GET", "/", "", List.of(Map.entry("Host", "example.amazonaws.com"),
                Map.entry("X-Amz-Date", "19990101T000000Z"), Map.entry("Authorization", "Bearer stale")), Payload.EMPTY);

        SigV4Signature signed = SigV4Signer.sign(request, KEYS, SigV4Options.of("us-east-1", "service"), TIME);

        assertThat(signed.signature()).isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void a_session_token_is_sent_and_signed() {
        SigV4Credentials temporary = SigV4Credentials.of("ASIAEXAMPLE", "secret", "the-token");

        SigV4Signature signed = SigV4Signer.sign(new SigV4Request("GET", "/", "", List.of(Map.entry("Host", "h")), Payload.EMPTY),
                temporary, SigV4Options.of("us-east-1", "ses"), TIME);

        assertThat(signed.headers()).containsEntry("X-Amz-Security-Token", "the-token");
        assertThat(signed.signedHeaders()).isEqualTo("host;x-amz-date;x-amz-security-token");
    }

    @Test
    void no_secret_or_token_reaches_a_string() {
        SigV4Credentials temporary = SigV4Credentials.of("ASIAEXAMPLE", "the-secret-key", "the-session-token");
        SigV4Signature signed = SigV4Signer.sign(new SigV4Request("GET", "/", "", List.of(Map.entry("Host", "h")), Payload.EMPTY),
                temporary, SigV4Options.of("us-east-1", "ses"), TIME);

        assertThat(temporary.toString()).contains("ASIAEXAMPLE").doesNotContain("the-secret-key").doesNotContain("the-session-token");
        assertThat(signed.toString()).doesNotContain("the-session-token").doesNotContain(signed.signature());
    }

    @Test
    void bad_input_names_the_field() {
        assertThatThrownBy(() -> SigV4Options.of("US East", "s3")).hasMessageStartingWith("region:");
        assertThatThrownBy(() -> SigV4Options.of("us-east-1", "S3 ")).hasMessageStartingWith("service:");
        assertThatThrownBy(() -> SigV4Credentials.of("AKID EXAMPLE", "s")).hasMessageStartingWith("access_key_id:");
        assertThatThrownBy(() -> SigV4Credentials.of("AKIDEXAMPLE", " ")).hasMessageStartingWith("secret_access_key:");
        assertThatThrownBy(() -> Payload.hashed("ABC")).hasMessageStartingWith("payload:");
        assertThatThrownBy(() -> new SigV4Request("GET", "/", "", List.of(Map.entry("X-A", "v\r\nInjected: 1")), Payload.EMPTY))
                .hasMessageStartingWith("headers:");
        assertThatThrownBy(() -> SigV4Signer.sign(new SigV4Request("GET", "/", "", List.of(), Payload.EMPTY), KEYS,
                SigV4Options.of("us-east-1", "s3"), TIME)).hasMessageContaining("Host");
    }
}
