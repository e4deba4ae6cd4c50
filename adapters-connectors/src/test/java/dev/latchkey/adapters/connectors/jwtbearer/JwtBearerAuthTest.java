package dev.latchkey.adapters.connectors.jwtbearer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.adapters.connectors.TestConnectors;
import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.http.OutboundGuard;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.AuthSchemePort.Context;
import dev.latchkey.application.port.out.AuthSchemePort.Grant;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.CredentialField;
import dev.latchkey.domain.credential.Credentials;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The jwt_bearer scheme: its settings' rules, and connecting and refreshing against stub token endpoints that verify the assertion. */
class JwtBearerAuthTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final String GOOGLE_PATH = "/token";
    private static final String SALESFORCE_PATH = "/services/oauth2/token";
    private static final String EMAIL = "robot@project.iam.gserviceaccount.com";

    private static WireMockServer provider;
    private static GuardedHttpClient http;
    private static KeyPair keys;

    private final JwtBearerAuth auth = new JwtBearerAuth(http, JsonMapper.createDefault(), Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void start() {
        provider = new WireMockServer(options().dynamicPort());
        provider.start();
        http = new GuardedHttpClient(new OutboundGuard(true));
        keys = TestKeys.rsa();
    }

    @AfterAll
    static void stop() {
        http.close();
        provider.stop();
    }

    @BeforeEach
    void stub() {
        provider.resetAll();
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        provider.stubFor(post(urlEqualTo(GOOGLE_PATH))
                .andMatching(new JwtBearerStubVerifier(publicKey, EMAIL, provider.baseUrl() + GOOGLE_PATH, 3600)
                        .withSubject("alice@acme.example").withScope("https://www.googleapis.com/auth/drive.readonly"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"access_token": "ya29.delegated", "token_type": "Bearer", "expires_in": 3599}
                        """)));
        provider.stubFor(post(urlEqualTo(SALESFORCE_PATH))
                .andMatching(new JwtBearerStubVerifier(publicKey, "3MVG9consumerKey", "https://login.salesforce.com", 180)
                        .withSubject("integration@acme.example"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"access_token": "00Dxx!session", "scope": "api", "instance_url": "https://acme.my.salesforce.com",
                         "token_type": "Bearer"}
                        """)));
        JwtBearerStubVerifier.refuseTheRest(provider);
    }

    // --- the settings' rules ---

    @Test
    void the_settings_of_the_google_and_salesforce_files_pass() {
        assertThat(violations(google())).isEmpty();
        assertThat(violations(salesforce())).isEmpty();
    }

    @Test
    void each_rule_of_the_settings_names_its_key() {
        assertThat(violationsWith("color", "blue")).containsExactly("auth[0].color");
        assertThat(violationsWith("token_url", null)).containsExactly("auth[0].token_url");
        assertThat(violationsWith("audience", "https://{region}.example")).containsExactly("auth[0].audience");
        assertThat(violationsWith("audience", " ")).containsExactly("auth[0].audience");
        assertThat(violationsWith("issuer", null)).containsExactly("auth[0].issuer");
        assertThat(violationsWith("issuer", "{client_id}")).containsExactly("auth[0].issuer");
        assertThat(violationsWith("issuer", "{unclosed")).containsExactly("auth[0].issuer");
        assertThat(violationsWith("subject", "{private_key}")).containsExactly("auth[0].subject");
        assertThat(violationsWith("key_id", List.of("kid"))).containsExactly("auth[0].key_id");
        assertThat(violationsWith("scopes", List.of("two words"))).containsExactly("auth[0].scopes");
        assertThat(violationsWith("scopes", "https://www.googleapis.com/auth/drive")).containsExactly("auth[0].scopes");
        assertThat(violationsWith("scope_claim", "yes")).containsExactly("auth[0].scope_claim");
        assertThat(violationsWith("assertion_lifetime_seconds", 0)).containsExactly("auth[0].assertion_lifetime_seconds");
        assertThat(violationsWith("assertion_lifetime_seconds", 3601)).containsExactly("auth[0].assertion_lifetime_seconds");
        assertThat(violationsWith("assertion_lifetime_seconds", "an hour")).containsExactly("auth[0].assertion_lifetime_seconds");
        assertThat(violationsWith("token_response", "/instance_url")).containsExactly("auth[0].token_response");
        assertThat(violationsWith("token_response", Map.of("instance_url", "instance_url"))).containsExactly("auth[0].token_response.instance_url");
        assertThat(violationsWith("token_response", Map.of("Instance-URL", "/instance_url"))).containsExactly("auth[0].token_response.Instance-URL");
    }

    @Test
    void the_private_key_must_be_a_required_secret_field() {
        List<CredentialField> others = google().fields().stream().filter(f -> !f.name().equals("private_key")).toList();
        List<CredentialField> withOptionalKey = new java.util.ArrayList<>(others);
        withOptionalKey.add(field("private_key", true, false));
        AuthMethod.Custom withoutKey = new AuthMethod.Custom("jwt_bearer", others, google().settings());
        AuthMethod.Custom optionalKey = new AuthMethod.Custom("jwt_bearer", withOptionalKey, google().settings());

        assertThat(violations(withoutKey)).containsExactly("auth[0].fields");
        assertThat(violations(optionalKey)).containsExactly("auth[0].fields");
        assertThat(violations(new AuthMethod.Basic(List.of(field("user", false, true)), new dev.latchkey.domain.connector.Template("{user}"),
                new dev.latchkey.domain.connector.Template("")))).containsExactly("auth[0].type");
    }

    @Test
    void the_capabilities_ask_the_fields_renew_the_token_and_name_the_kept_token_values() {
        AuthCapabilities capabilities = auth.capabilities(salesforce());

        assertThat(capabilities.redirects()).isFalse();
        assertThat(capabilities.fields()).extracting(CredentialField::name).containsExactly("client_id", "username", "private_key");
        assertThat(capabilities.refreshes()).isTrue();
        assertThat(capabilities.tokenBased()).isFalse();
        assertThat(capabilities.workspaceClient()).isFalse();
        assertThat(capabilities.tokenValues()).containsExactly("instance_url");
        assertThat(auth.capabilities(google()).scopes()).containsExactly("https://www.googleapis.com/auth/drive.readonly");
        assertThat(auth.capabilities(google()).tokenValues()).isEmpty();
    }

    // --- connecting, refreshing, signing ---

    @Test
    void a_google_service_account_connects_with_delegation_and_its_key_stays_in_the_credentials() throws Exception {
        String pem = TestKeys.pkcs8(keys);

        Grant grant = auth.obtain(googleContext(), Map.of("client_email", EMAIL, "private_key", pem, "private_key_id", "kid-7",
                "subject", "alice@acme.example"));

        assertThat(grant.credentials().token()).hasValueSatisfying(token -> {
            assertThat(token.value()).isEqualTo("ya29.delegated");
            assertThat(token.expiresAt()).contains(NOW.plusSeconds(3599));
        });
        assertThat(grant.credentials().fields()).containsEntry("private_key", pem);
        assertThat(grant.tokenValues()).isEmpty();
        SignedJWT assertion = assertions(GOOGLE_PATH).get(0);
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("kid-7");
        assertThat(assertion.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(auth.sign(googleContext(), grant.credentials(), AuthSchemePort.OutboundRequest.of("GET",
                URI.create("https://www.googleapis.com/drive/v3/about"))).headers())
                .containsExactly(Map.entry("Authorization", "Bearer ya29.delegated"));
    }

    @Test
    void a_whole_google_json_key_file_pasted_as_the_key_gives_the_issuer_and_key_id() throws Exception {
        String file = """
                {"type": "service_account", "project_id": "project", "private_key_id": "kid-from-file",
                 "private_key": "%s", "client_email": "%s", "token_uri": "https://oauth2.googleapis.com/token"}
                """.formatted(TestKeys.pkcs8(keys).replace("\n", "\\n"), EMAIL);
        Map<String, String> fields = new HashMap<>(Map.of("private_key", file, "subject", "alice@acme.example"));

        Grant grant = auth.obtain(googleContext(), fields);

        assertThat(grant.credentials().token()).isPresent();
        assertThat(assertions(GOOGLE_PATH).get(0).getHeader().getKeyID()).isEqualTo("kid-from-file");
    }

    @Test
    void salesforce_keeps_the_instance_url_and_an_assertion_within_its_three_minutes() throws Exception {
        Grant grant = auth.obtain(salesforceContext(), Map.of("client_id", "3MVG9consumerKey", "username", "integration@acme.example",
                "private_key", TestKeys.pkcs1(keys)));

        assertThat(grant.tokenValues()).containsExactly(Map.entry("instance_url", "https://acme.my.salesforce.com"));
        assertThat(grant.credentials().token().orElseThrow().value()).isEqualTo("00Dxx!session");
        SignedJWT assertion = assertions(SALESFORCE_PATH).get(0);
        assertThat(assertion.getJWTClaimsSet().getClaim("scope")).isNull();
        assertThat(assertion.getHeader().getKeyID()).isNull();
    }

    @Test
    void scopes_without_scope_claim_go_in_the_token_request() {
        Map<String, Object> settings = new LinkedHashMap<>(salesforce().settings());
        settings.put("scopes", List.of("api", "refresh_token"));
        Context context = new Context(salesforceContext().connector(), new AuthMethod.Custom("jwt_bearer", salesforce().fields(), settings),
                Map.of(), Optional.empty());

        auth.obtain(context, Map.of("client_id", "3MVG9consumerKey", "username", "integration@acme.example", "private_key", TestKeys.pkcs1(keys)));

        LoggedRequest request = provider.findAll(postRequestedFor(urlEqualTo(SALESFORCE_PATH))).get(0);
        assertThat(request.getBodyAsString()).endsWith("&scope=api+refresh_token");
    }

    @Test
    void a_refresh_signs_a_new_assertion_with_the_kept_key() throws Exception {
        Grant first = auth.obtain(googleContext(), Map.of("client_email", EMAIL, "private_key", TestKeys.pkcs8(keys),
                "subject", "alice@acme.example"));

        Optional<Grant> renewed = auth.refresh(googleContext(), first.credentials());

        assertThat(renewed).hasValueSatisfying(grant -> {
            assertThat(grant.credentials().token().orElseThrow().value()).isEqualTo("ya29.delegated");
            assertThat(grant.credentials().fields()).isEqualTo(first.credentials().fields());
        });
        List<SignedJWT> sent = assertions(GOOGLE_PATH);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getJWTClaimsSet().getJWTID()).isNotEqualTo(sent.get(0).getJWTClaimsSet().getJWTID());
    }

    @Test
    void an_assertion_signed_with_another_key_is_refused_without_the_key_in_the_message() {
        String wrong = TestKeys.pkcs8(TestKeys.rsa());

        assertThatThrownBy(() -> auth.obtain(googleContext(), Map.of("client_email", EMAIL, "private_key", wrong,
                "subject", "alice@acme.example")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
                    assertThat(e.providerError()).isEqualTo("invalid_grant");
                    assertThat(e.getMessage()).doesNotContain("PRIVATE KEY").doesNotContain(wrong.lines().skip(1).findFirst().orElseThrow());
                });
    }

    @Test
    void the_wrong_subject_is_refused_by_the_provider() {
        assertThatThrownBy(() -> auth.obtain(googleContext(), Map.of("client_email", EMAIL, "private_key", TestKeys.pkcs8(keys),
                "subject", "mallory@acme.example")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.providerError()).isEqualTo("invalid_grant"));
    }

    @Test
    void a_text_that_is_not_a_key_is_refused_naming_the_field_without_quoting_it() {
        String notAKey = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END PRIVATE KEY-----";

        assertThatThrownBy(() -> auth.obtain(googleContext(), Map.of("client_email", EMAIL, "private_key", notAKey)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("credentials.private_key");
                    assertThat(e.getMessage()).doesNotContain("bm90IGEga2V5");
                });
        assertThat(provider.findAll(postRequestedFor(urlEqualTo(GOOGLE_PATH)))).isEmpty();
    }

    @Test
    void credentials_without_a_token_cannot_sign() {
        assertThatThrownBy(() -> auth.sign(googleContext(), Credentials.ofFields(Map.of("private_key", "x")),
                AuthSchemePort.OutboundRequest.of("GET", URI.create("https://www.googleapis.com/"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers ---

    private static CredentialField field(String name, boolean secret, boolean required) {
        return new CredentialField(name, name, secret, required, Optional.empty());
    }

    private List<String> violations(AuthMethod method) {
        Violations v = new Violations();
        auth.check(method, "auth[0]", v);
        return v.all().stream().map(FieldViolation::field).toList();
    }

    /** The google entry with one setting changed (null: left out). */
    private List<String> violationsWith(String key, Object value) {
        Map<String, Object> settings = new HashMap<>(google().settings());
        if (value == null) {
            settings.remove(key);
        } else {
            settings.put(key, value);
        }
        return violations(new AuthMethod.Custom("jwt_bearer", google().fields(), settings));
    }

    private AuthMethod.Custom google() {
        return (AuthMethod.Custom) googleContext().method();
    }

    private AuthMethod.Custom salesforce() {
        return (AuthMethod.Custom) salesforceContext().method();
    }

    private Context googleContext() {
        return TestConnectors.context("""
                slug: google-service-account
                name: Google (service account)
                categories: [productivity]
                docs_url: https://developers.google.com/identity/protocols/oauth2/service-account
                api:
                  base_url: https://www.googleapis.com
                auth:
                  - type: jwt_bearer
                    token_url: %s/token
                    issuer: "{client_email}"
                    subject: "{subject}"
                    key_id: "{private_key_id}"
                    scopes: ["https://www.googleapis.com/auth/drive.readonly"]
                    scope_claim: true
                    assertion_lifetime_seconds: 3600
                    fields:
                      - {name: client_email, label: Email, required: false}
                      - {name: private_key, label: Key, secret: true}
                      - {name: private_key_id, label: Key ID, secret: true, required: false}
                      - {name: subject, label: User, required: false}
                """.formatted(provider.baseUrl()));
    }

    private Context salesforceContext() {
        return TestConnectors.context("""
                slug: salesforce-jwt
                name: Salesforce (JWT bearer)
                categories: [crm]
                docs_url: https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm
                api:
                  base_url: "{instance_url}/services/data/v61.0"
                auth:
                  - type: jwt_bearer
                    token_url: %s/services/oauth2/token
                    audience: https://login.salesforce.com
                    issuer: "{client_id}"
                    subject: "{username}"
                    assertion_lifetime_seconds: 180
                    token_response:
                      instance_url: /instance_url
                    fields:
                      - {name: client_id, label: Consumer key}
                      - {name: username, label: Username}
                      - {name: private_key, label: Key, secret: true}
                """.formatted(provider.baseUrl()));
    }

    /** The assertions the stub received at {@code path}, in order. */
    private static List<SignedJWT> assertions(String path) throws java.text.ParseException {
        List<SignedJWT> out = new java.util.ArrayList<>();
        for (LoggedRequest request : provider.findAll(postRequestedFor(urlEqualTo(path)))) {
            String body = request.getBodyAsString();
            String value = body.substring(body.indexOf("assertion=") + "assertion=".length()).split("&")[0];
            out.add(SignedJWT.parse(URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return out;
    }
}
