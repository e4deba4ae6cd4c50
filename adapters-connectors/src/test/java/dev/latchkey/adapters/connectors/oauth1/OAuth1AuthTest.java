package dev.latchkey.adapters.connectors.oauth1;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.latchkey.adapters.connectors.TestConnectors;
import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.http.OutboundGuard;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.AuthSchemePort.AuthorizationRequest;
import dev.latchkey.application.port.out.AuthSchemePort.Completion;
import dev.latchkey.application.port.out.AuthSchemePort.Context;
import dev.latchkey.application.port.out.AuthSchemePort.OutboundRequest;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.OAuthClient;
import dev.latchkey.domain.credential.Credentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

/** The oauth1 scheme against a stub provider: what it declares, the checks of its entry, and the provider's refusals. */
class OAuth1AuthTest {
    private static final OAuthClient CONSUMER = new OAuthClient("consumer-key", "consumer-secret-value");
    private static WireMockServer provider;
    private final OAuth1Auth auth = new OAuth1Auth(new GuardedHttpClient(new OutboundGuard(true)),
            Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

    @BeforeAll
    static void start() {
        provider = new WireMockServer(options().dynamicPort());
        provider.start();
    }

    @AfterAll
    static void stop() {
        provider.stop();
    }

    @BeforeEach
    void reset() {
        provider.resetAll();
    }

    private static String entry(String extra) {
        return """
                slug: photos
                name: Photos
                categories: [storage]
                icon_url: https://photos.example/icon.png
                docs_url: https://photos.example/docs
                api:
                  base_url: %1$s/api
                auth:
                  - type: oauth1
                    request_token_url: %1$s/initiate
                    authorization_url: https://photos.example/authorize
                    access_token_url: %1$s/token
                """.formatted(provider.baseUrl()) + extra;
    }

    private Context context(String extra) {
        return TestConnectors.context(TestConnectors.read(entry(extra)), Map.of(), Optional.of(CONSUMER));
    }

    private List<FieldViolation> problems(String extra) {
        Violations v = new Violations();
        Context context = context(extra);
        auth.check(context.method(), "auth[0]", v);
        return v.all();
    }

    @Test
    void it_declares_a_redirect_completed_by_token_and_verifier_a_signed_body_and_no_refresh() {
        AuthCapabilities capabilities = auth.capabilities(context("").method());

        assertThat(capabilities.redirect()).hasValueSatisfying(r -> {
            assertThat(r.callbackParameters()).containsExactly("oauth_token", "oauth_verifier");
            assertThat(r.formTarget()).isEqualTo("https://photos.example");
        });
        assertThat(capabilities.fields()).isEmpty();
        assertThat(capabilities.refreshes()).isFalse();
        assertThat(capabilities.workspaceClient()).isTrue();
        assertThat(capabilities.signsBody()).isTrue();
        assertThat(capabilities.importFields()).extracting(f -> f.name() + (f.secret() ? " (secret)" : ""))
                .containsExactly("oauth_token (secret)", "oauth_token_secret (secret)");
    }

    @Test
    void each_rule_of_its_entry_has_a_failing_case_naming_the_key() {
        assertThat(problems("")).isEmpty();
        assertThat(problems("    signature_method: RSA-SHA1\n    authorization_params: {scope: read}\n")).isEmpty();
        assertThat(problems("    signature_method: HMAC-SHA256\n")).extracting(FieldViolation::field).containsExactly("auth[0].signature_method");
        assertThat(problems("    authorization_params: [read]\n")).extracting(FieldViolation::field)
                .containsExactly("auth[0].authorization_params");
        assertThat(problems("    scopes: [read]\n")).extracting(FieldViolation::field).containsExactly("auth[0].scopes");
        assertThat(problems("    fields: [{name: pin, label: PIN}]\n")).extracting(FieldViolation::field).containsExactly("auth[0].fields");
        Violations v = new Violations();
        Context noToken = TestConnectors.context(TestConnectors.read(entry("").replace("    access_token_url: " + provider.baseUrl() + "/token\n",
                "")), Map.of(), Optional.of(CONSUMER));
        auth.check(noToken.method(), "auth[0]", v);
        assertThat(v.all()).extracting(FieldViolation::field).containsExactly("auth[0].access_token_url");
    }

    @Test
    void a_provider_that_does_not_confirm_the_callback_is_refused() {
        provider.stubFor(post(urlEqualTo("/initiate")).willReturn(aResponse().withStatus(200)
                .withBody("oauth_token=rt&oauth_token_secret=rts")));

        assertThatThrownBy(() -> auth.authorize(new AuthorizationRequest(context(""), List.of(), "https://l.example/oauth/callback", "st")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
                    assertThat(e.providerError()).isEqualTo("callback_not_confirmed");
                });
    }

    @Test
    void the_request_token_request_carries_the_callback_with_the_state_and_its_secret_is_kept() {
        provider.stubFor(post(urlEqualTo("/initiate")).willReturn(aResponse().withStatus(200)
                .withBody("oauth_token=rt&oauth_token_secret=rts&oauth_callback_confirmed=true")));

        AuthSchemePort.Authorization authorization = auth.authorize(new AuthorizationRequest(context(""), List.of(),
                "https://l.example/oauth/callback", "st&te"));

        assertThat(authorization.url()).hasToString("https://photos.example/authorize?oauth_token=rt");
        assertThat(authorization.kept()).hasValueSatisfying(kept -> assertThat(kept).contains("rts"));
        provider.verify(postRequestedFor(urlEqualTo("/initiate")).withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock
                .containing("oauth_callback=\"https%3A%2F%2Fl.example%2Foauth%2Fcallback%3Fstate%3Dst%2526te\"")));
    }

    @Test
    void a_callback_for_another_request_token_is_refused_without_asking_the_provider() {
        Completion completion = new Completion(context(""), Map.of("oauth_token", "other", "oauth_verifier", "v"),
                "https://l.example/oauth/callback", Optional.of("oauth_token=rt&oauth_token_secret=rts"));

        assertThatThrownBy(() -> auth.complete(completion)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.providerError()).isEqualTo("token_mismatch"));
        assertThat(provider.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusals_and_outages_at_the_access_token_endpoint_keep_their_kind_and_no_secret() {
        Completion completion = new Completion(context(""), Map.of("oauth_token", "rt", "oauth_verifier", "v"),
                "https://l.example/oauth/callback", Optional.of("oauth_token=rt&oauth_token_secret=rts"));
        provider.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(401).withBody("oauth_problem=signature_invalid")));
        assertThatThrownBy(() -> auth.complete(completion)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
            assertThat(e.getMessage()).doesNotContain("consumer-secret-value").doesNotContain("rts");
        });

        provider.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> auth.complete(completion)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE));
    }

    @Test
    void a_request_is_signed_in_the_authorization_header_with_the_token_and_a_fresh_nonce() {
        Credentials credentials = Credentials.ofFields(Map.of("oauth_token", "at", "oauth_token_secret", "ats"));
        OutboundRequest request = OutboundRequest.of("GET", URI.create(provider.baseUrl() + "/api/photos?file=a.jpg"));

        String first = auth.sign(context(""), credentials, request).headers().get("Authorization");
        String second = auth.sign(context(""), credentials, request).headers().get("Authorization");

        assertThat(first).startsWith("OAuth oauth_consumer_key=\"consumer-key\", oauth_token=\"at\", oauth_timestamp=\"1893456000\", ")
                .contains("oauth_signature_method=\"HMAC-SHA1\"", "oauth_version=\"1.0\"", "oauth_signature=\"")
                .doesNotContain("ats").doesNotContain("consumer-secret-value");
        assertThat(first).isNotEqualTo(second);
    }
}
