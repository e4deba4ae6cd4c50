package dev.latchkey.adapters.connectors.sigv4;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.latchkey.adapters.connectors.TestConnectors;
import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.http.OutboundGuard;
import dev.latchkey.application.port.out.AuthSchemePort.Body;
import dev.latchkey.application.port.out.AuthSchemePort.Context;
import dev.latchkey.application.port.out.AuthSchemePort.Grant;
import dev.latchkey.application.port.out.AuthSchemePort.OutboundRequest;
import dev.latchkey.application.port.out.AuthSchemePort.Signature;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderRequest;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.credential.Credentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The aws_sigv4 scheme: what it declares, the checks of its entry (a failing case per rule), what it
 * accepts as typed credentials, and its signatures judged by a stub AWS service ({@link SigV4StubVerifier}).
 */
class AwsSigV4AuthTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Map<String, String> KEYS = Map.of("access_key_id", "AKIDEXAMPLE", "secret_access_key", SECRET);
    private static final String FIELDS = """
                fields:
                  - {name: access_key_id, label: Access key ID}
                  - {name: secret_access_key, label: Secret access key, secret: true}
                  - {name: session_token, label: Session token, secret: true, required: false}
            """;

    private static WireMockServer aws;
    private static GuardedHttpClient http;
    private final AwsSigV4Auth auth = new AwsSigV4Auth(Clock.fixed(NOW, ZoneOffset.UTC));

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

    /** A connector of the stub service; {@code settings} are the entry's keys besides type and fields. */
    private static String connector(String settings, String fields) {
        return """
                slug: stub-aws
                name: Stub AWS
                categories: [cloud]
                docs_url: https://docs.aws.amazon.com/
                api:
                  base_url: %s
                params:
                  - {name: region, label: Region, pattern: "[a-z]{2}(-[a-z]+)+-[0-9]{1,2}"}
                auth:
                  - type: aws_sigv4
                """.formatted(aws.baseUrl()) + settings.indent(4) + fields;
    }

    private static Context context(String settings) {
        return TestConnectors.context(TestConnectors.read(connector(settings, FIELDS)), Map.of("region", "eu-west-1"), Optional.empty());
    }

    private List<String> problems(String settings, String fields) {
        Violations v = new Violations();
        auth.check(TestConnectors.read(connector(settings, fields)).auth().get(0), "auth[0]", v);
        return v.all().stream().map(FieldViolation::field).toList();
    }

    private List<String> problems(String settings) {
        return problems(settings, FIELDS);
    }

    @Test
    void it_declares_typed_fields_no_redirect_no_refresh_and_a_signed_body() {
        AuthCapabilities capabilities = auth.capabilities(context("service: ses\nregion: \"{region}\"").method());

        assertThat(capabilities.type()).isEqualTo("aws_sigv4");
        assertThat(capabilities.redirects()).isFalse();
        assertThat(capabilities.refreshes()).isFalse();
        assertThat(capabilities.tokenBased()).isFalse();
        assertThat(capabilities.workspaceClient()).isFalse();
        assertThat(capabilities.signsBody()).isTrue();
        assertThat(capabilities.fields()).extracting(f -> f.name() + (f.secret() ? " (secret)" : "") + (f.required() ? "" : " (optional)"))
                .containsExactly("access_key_id", "secret_access_key (secret)", "session_token (secret) (optional)");
        assertThat(capabilities.importFields()).isEqualTo(capabilities.fields());
    }

    @Test
    void each_rule_of_its_entry_has_a_failing_case_naming_the_key() {
        assertThat(problems("service: ses\nregion: \"{region}\"")).isEmpty();
        assertThat(problems("service: s3\nregion: \"{region}\"\nunsigned_payload: true")).isEmpty();
        assertThat(problems("service: bedrock\nregion: us-east-1\nunsigned_payload: false")).isEmpty();

        assertThat(problems("region: \"{region}\"")).containsExactly("auth[0].service");
        assertThat(problems("service: Simple Email\nregion: \"{region}\"")).containsExactly("auth[0].service");
        assertThat(problems("service: ses")).containsExactly("auth[0].region");
        assertThat(problems("service: ses\nregion: \"{region\"")).containsExactly("auth[0].region");
        assertThat(problems("service: ses\nregion: US East")).containsExactly("auth[0].region");
        assertThat(problems("service: ses\nregion: \"{region}.amazonaws.com\"")).containsExactly("auth[0].region");
        assertThat(problems("service: ses\nregion: [us-east-1]")).containsExactly("auth[0].region");
        assertThat(problems("service: s3\nregion: \"{region}\"\nunsigned_payload: \"yes\"")).containsExactly("auth[0].unsigned_payload");
        assertThat(problems("service: ses\nregion: \"{region}\"\nendpoint: https://email.example")).containsExactly("auth[0].endpoint");
    }

    @Test
    void its_fields_are_the_key_pair_and_an_optional_session_token_with_the_secrets_marked_secret() {
        String settings = "service: ses\nregion: \"{region}\"";

        assertThat(problems(settings, "")).containsExactly("auth[0].fields", "auth[0].fields");
        assertThat(problems(settings, """
                    fields:
                      - {name: access_key_id, label: Access key ID}
                      - {name: secret_access_key, label: Secret access key, secret: true, required: false}
                """)).containsExactly("auth[0].fields");
        assertThat(problems(settings, """
                    fields:
                      - {name: access_key_id, label: Access key ID}
                      - {name: secret_access_key, label: Secret access key, secret: true}
                      - {name: account_id, label: Account}
                """)).containsExactly("auth[0].fields");
    }

    @Test
    void obtaining_keeps_the_typed_key_pair_and_names_the_field_that_is_malformed_never_its_value() {
        Context context = context("service: ses\nregion: \"{region}\"");

        Grant grant = auth.obtain(context, KEYS);
        assertThat(grant.credentials().fields()).isEqualTo(KEYS);
        assertThat(grant.credentials().token()).isEmpty();

        assertThatThrownBy(() -> auth.obtain(context, Map.of("access_key_id", "AKID EXAMPLE", "secret_access_key", SECRET)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("credentials.access_key_id"));
        assertThatThrownBy(() -> auth.obtain(context, Map.of("access_key_id", "AKIDEXAMPLE", "secret_access_key", " " + SECRET)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("credentials.secret_access_key");
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
        assertThatThrownBy(() -> auth.obtain(context, Map.of("access_key_id", "AKIDEXAMPLE")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("secret_access_key"));
    }

    @Test
    void a_region_naming_no_param_of_the_connector_is_a_conflict_not_a_signature_for_no_region() {
        Context context = TestConnectors.context(TestConnectors.read(connector("service: ses\nregion: \"{zone}\"", FIELDS)),
                Map.of("region", "eu-west-1"), Optional.empty());

        assertThatThrownBy(() -> auth.obtain(context, KEYS)).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo("connector_invalid"));
    }

    @Test
    void a_get_and_a_post_with_its_body_are_signed_as_the_service_verifies_them() {
        Context context = context("service: ses\nregion: \"{region}\"");
        stub(SigV4Credentials.of("AKIDEXAMPLE", SECRET), SigV4Options.of("eu-west-1", "ses"));

        assertThat(send(context, Credentials.ofFields(KEYS), "GET", "/v2/email/account?x=1", null)).isEqualTo(200);
        assertThat(send(context, Credentials.ofFields(KEYS), "POST", "/v2/email/outbound-emails", "{\"to\":\"a@example.com\"}"))
                .isEqualTo(200);
    }

    @Test
    void a_session_token_is_sent_and_signed() {
        Context context = context("service: bedrock\nregion: \"{region}\"");
        Map<String, String> temporary = new LinkedHashMap<>(KEYS);
        temporary.put("session_token", "FwoGZXIvYXdzEXAMPLETOKEN");
        stub(SigV4Credentials.of("AKIDEXAMPLE", SECRET, "FwoGZXIvYXdzEXAMPLETOKEN"), SigV4Options.of("eu-west-1", "bedrock"));

        Signature signature = auth.sign(context, Credentials.ofFields(temporary), OutboundRequest.of("GET", URI.create(aws.baseUrl() + "/x")));
        assertThat(signature.headers()).containsKeys("Authorization", "X-Amz-Date", "x-amz-content-sha256", "X-Amz-Security-Token");
        assertThat(signature.headers().get("Authorization")).contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token")
                .doesNotContain(SECRET);
        assertThat(send(context, Credentials.ofFields(temporary), "POST", "/model/m/invoke", "{}")).isEqualTo(200);
    }

    @Test
    void a_wrong_secret_is_refused_by_the_service() {
        Context context = context("service: ses\nregion: \"{region}\"");
        stub(SigV4Credentials.of("AKIDEXAMPLE", SECRET), SigV4Options.of("eu-west-1", "ses"));

        assertThat(send(context, Credentials.ofFields(Map.of("access_key_id", "AKIDEXAMPLE", "secret_access_key", "not-the-secret")),
                "GET", "/v2/email/account", null)).isEqualTo(403);
    }

    @Test
    void a_streamed_body_is_signed_unsigned_payload_only_where_the_entry_allows_it() {
        Context s3 = context("service: s3\nregion: \"{region}\"\nunsigned_payload: true");
        Context ses = context("service: ses\nregion: \"{region}\"");
        OutboundRequest streamed = new OutboundRequest("PUT", URI.create(aws.baseUrl() + "/photos/big.jpg"), Map.of(), Optional.empty());

        Signature signature = auth.sign(s3, Credentials.ofFields(KEYS), streamed);
        assertThat(signature.headers()).containsEntry("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        stub(SigV4Credentials.of("AKIDEXAMPLE", SECRET), SigV4Options.of("eu-west-1", "s3"));
        Map<String, String> headers = new LinkedHashMap<>(signature.headers());
        assertThat(http.send(new ProviderRequest("PUT", streamed.uri(), headers, Optional.of("a large body, streamed"))).status())
                .isEqualTo(200);

        assertThatThrownBy(() -> auth.sign(ses, Credentials.ofFields(KEYS), streamed))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("body"));
    }

    @Test
    void stored_credentials_that_are_malformed_are_a_conflict_naming_the_field_never_the_value() {
        Context context = context("service: ses\nregion: \"{region}\"");

        assertThatThrownBy(() -> auth.sign(context, Credentials.ofFields(Map.of("access_key_id", "AKID/EXAMPLE", "secret_access_key",
                SECRET)), OutboundRequest.of("GET", URI.create(aws.baseUrl() + "/"))))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("connection_outdated");
                    assertThat(e.getMessage()).contains("access_key_id").doesNotContain(SECRET);
                });
    }

    private void stub(SigV4Credentials credentials, SigV4Options options) {
        aws.stubFor(any(anyUrl()).andMatching(new SigV4StubVerifier(credentials, options)).willReturn(aResponse().withStatus(200)));
        SigV4StubVerifier.refuseTheRest(aws);
    }

    /** Signs the request as the proxy does (the headers it sends, the body it holds), sends it, and returns the status. */
    private int send(Context context, Credentials credentials, String method, String pathAndQuery, String body) {
        URI uri = URI.create(aws.baseUrl() + pathAndQuery);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", uri.getRawAuthority());
        headers.put("Accept", "application/json");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        Body whole = body == null ? Body.EMPTY : new Body(body.getBytes(StandardCharsets.UTF_8));
        Signature signature = auth.sign(context, credentials, new OutboundRequest(method, uri, headers, Optional.of(whole)));
        headers.remove("Host");
        headers.putAll(signature.headers());
        return http.send(new ProviderRequest(method, uri, headers, Optional.ofNullable(body))).status();
    }
}
