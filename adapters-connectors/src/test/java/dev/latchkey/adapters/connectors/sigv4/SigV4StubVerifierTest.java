package dev.latchkey.adapters.connectors.sigv4;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.http.OutboundGuard;
import dev.latchkey.adapters.connectors.sigv4.SigV4Request.Payload;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderRequest;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** Requests signed by {@link SigV4Signer} and sent through Latchkey's HTTP client, judged by stub S3 and SES. */
class SigV4StubVerifierTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final SigV4Credentials KEYS = SigV4Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final SigV4Options S3 = SigV4Options.of("eu-west-1", "s3");
    private static final SigV4Options SES = SigV4Options.of("eu-west-1", "ses");

    private static WireMockServer aws;
    private static GuardedHttpClient http;

    @BeforeAll
    static void start() {
        aws = new WireMockServer(options().dynamicPort());
        aws.start();
        http = new GuardedHttpClient(new OutboundGuard(true));
    }

    @AfterAll
    static void stop() {
        http.close();
        aws.stop();
    }

    @BeforeEach
    void reset() {
        aws.resetAll();
    }

    private void stub(SigV4Credentials credentials, SigV4Options options) {
        aws.stubFor(any(anyUrl()).andMatching(new SigV4StubVerifier(credentials, options)).willReturn(aResponse().withStatus(200).withBody("ok")));
        SigV4StubVerifier.refuseTheRest(aws);
    }

    private ProviderResponse send(String method, String pathAndQuery, String body, SigV4Credentials credentials, SigV4Options options,
                                  Payload payload) {
        URI uri = URI.create(aws.baseUrl() + pathAndQuery);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "not signed: clients rewrite it");
        SigV4Signature signed = SigV4Signer.sign(SigV4Request.of(method, uri, headers, payload), credentials, options, NOW);
        headers.putAll(signed.headers());
        return http.send(new ProviderRequest(method, uri, headers, Optional.ofNullable(body)));
    }

    private static Payload bytes(String body) {
        return Payload.of(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_well_signed_s3_put_with_an_encoded_key_is_accepted() {
        stub(KEYS, S3);

        ProviderResponse response = send("PUT", "/bucket/folder/a%20b%24c.txt?x-id=PutObject", "hello", KEYS, S3, bytes("hello"));

        assertThat(response.status()).isEqualTo(200);
        LoggedRequest received = aws.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(received.getHeader("x-amz-content-sha256")).isEqualTo(SigV4Signer.sha256Hex("hello".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void s3_keys_with_empty_dot_and_encoded_slash_segments_arrive_as_signed() {
        stub(KEYS, S3);

        ProviderResponse response = send("GET", "/bucket/a//b/./c/../d%2Fe+f", null, KEYS, S3, Payload.EMPTY);

        assertThat(response.status()).isEqualTo(200);
        assertThat(aws.findAll(anyRequestedFor(anyUrl())).get(0).getUrl()).isEqualTo("/bucket/a//b/./c/../d%2Fe+f");
    }

    @Test
    void s3_accepts_an_unsigned_payload_but_still_checks_the_headers() {
        stub(KEYS, S3);

        assertThat(send("PUT", "/bucket/stream.bin", "streamed", KEYS, S3, Payload.UNSIGNED).status()).isEqualTo(200);
        assertThat(aws.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
    }

    @Test
    void a_well_signed_ses_post_with_a_session_token_and_a_double_encoded_path_is_accepted() {
        SigV4Credentials temporary = SigV4Credentials.of("ASIAEXAMPLE", "secret", "session-token-from-sts");
        stub(temporary, SES);

        ProviderResponse response = send("POST", "/v2/email/identities/me%40example.com", "{\"a\":1}", temporary, SES, bytes("{\"a\":1}"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(aws.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("X-Amz-Security-Token")).isEqualTo("session-token-from-sts");
    }

    @Test
    void a_signature_made_with_another_secret_is_refused() {
        stub(KEYS, S3);

        ProviderResponse response = send("GET", "/bucket/key", null, SigV4Credentials.of("AKIDEXAMPLE", "not-the-secret"), S3, Payload.EMPTY);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("SignatureDoesNotMatch");
    }

    @Test
    void a_body_other_than_the_signed_one_is_refused() {
        stub(KEYS, SES);

        assertThat(send("POST", "/v2/email/outbound-emails", "{\"to\":\"mallory\"}", KEYS, SES, bytes("{\"to\":\"alice\"}")).status()).isEqualTo(403);
    }

    @Test
    void a_signature_for_another_region_or_service_is_refused() {
        stub(KEYS, SES);

        assertThat(send("POST", "/v2/email/outbound-emails", "{}", KEYS, SigV4Options.of("us-east-1", "ses"), bytes("{}")).status()).isEqualTo(403);
        assertThat(send("POST", "/v2/email/outbound-emails", "{}", KEYS, SigV4Options.of("eu-west-1", "s3"), bytes("{}")).status()).isEqualTo(403);
    }

    @Test
    void the_verifier_names_what_is_wrong() {
        stub(KEYS, SES);
        send("POST", "/v2/email/outbound-emails", "{}", KEYS, SES.withContentSha256Header(true), Payload.hashed("0".repeat(64)));
        send("GET", "/v2/email/identities", null, SigV4Credentials.of("AKIDOTHER", "x"), SES, Payload.EMPTY);

        List<LoggedRequest> received = aws.findAll(anyRequestedFor(anyUrl()));
        SigV4StubVerifier verifier = new SigV4StubVerifier(KEYS, SES);
        assertThat(verifier.problem(received.get(0))).contains("x-amz-content-sha256 is not the SHA-256 of the body");
        assertThat(verifier.problem(received.get(1))).contains("unknown access key AKIDOTHER");
    }
}
