package dev.latchkey.adapters.connectors.oauth2;

import dev.latchkey.domain.connector.OAuthClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.latchkey.adapters.connectors.TestConnectors;
import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.http.OutboundGuard;
import dev.latchkey.application.port.out.AuthSchemePort.AuthorizationRequest;
import dev.latchkey.application.port.out.AuthSchemePort.Completion;
import dev.latchkey.application.port.out.AuthSchemePort.Context;
import dev.latchkey.application.port.out.AuthSchemePort.Grant;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token endpoint's answers, from a stub provider: what is kept, and which refusals are REJECTED or UNAVAILABLE. */
class TokenEndpointErrorsTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final OAuthClient CLIENT = new OAuthClient("my client", "p@ss:word");

    private static WireMockServer provider;

    private final OAuth2AuthorizationCodeAuth auth = new OAuth2AuthorizationCodeAuth(new GuardedHttpClient(new OutboundGuard(true)),
            JsonMapper.createDefault(), Clock.fixed(NOW, ZoneOffset.UTC));

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

    private static Context context(String clientAuth, boolean pkce) {
        return TestConnectors.context(TestConnectors.read("""
                slug: stub
                name: Stub
                categories: [test]
                icon_url: https://stub.example/i.png
                docs_url: https://stub.example/docs
                api:
                  base_url: "{instance_url}/api"
                params:
                  - {name: tenant, label: Tenant, pattern: "[a-z ]+"}
                auth:
                  - type: oauth2
                    authorization_url: https://{tenant}.stub.example/authorize?prompt=consent
                    token_url: %s/token
                    revocation_url: %s/revoke
                    scopes: [read, write]
                    scope_separator: ","
                    pkce: %s
                    client_auth: %s
                    authorization_params: {access_type: offline}
                    token_params: {audience: api}
                    token_response: {instance_url: /instance/url}
                """.formatted(provider.baseUrl(), provider.baseUrl(), pkce, clientAuth)), Map.of("tenant", "acme co"), Optional.of(CLIENT));
    }

    private Grant exchange(Context context) {
        return auth.complete(new Completion(context, Map.of("code", "the-code"), "https://latchkey.example/oauth/callback",
                Optional.of("verifier")));
    }

    private static void tokenAnswers(int status, String body) {
        provider.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void the_authorization_url_carries_every_parameter_and_encodes_the_params() {
        var authorization = auth.authorize(new AuthorizationRequest(context("basic", true), List.of("read", "write"),
                "https://latchkey.example/oauth/callback", "st&te"));
        URI url = authorization.url();

        assertThat(url.toString()).startsWith("https://acme%20co.stub.example/authorize?prompt=consent&response_type=code&");
        assertThat(url.getRawQuery()).contains("client_id=my+client", "redirect_uri=https%3A%2F%2Flatchkey.example%2Foauth%2Fcallback",
                "scope=read%2Cwrite", "state=st%26te", "code_challenge=", "code_challenge_method=S256", "access_type=offline");
    }

    @Test
    void without_pkce_no_challenge_is_sent() {
        var authorization = auth.authorize(new AuthorizationRequest(context("basic", false), List.of(), "https://l.example/cb", "s"));

        assertThat(authorization.url().getRawQuery()).doesNotContain("code_challenge").doesNotContain("scope=");
        assertThat(authorization.kept()).isEmpty();
    }

    @Test
    void a_token_response_gives_token_expiry_scopes_and_kept_values() {
        tokenAnswers(200, """
                {"access_token": "at", "refresh_token": "rt", "expires_in": 3600, "token_type": "bearer",
                 "scope": "read write", "instance": {"url": "https://eu1.stub.example"}}
                """);

        Grant grant = exchange(context("basic", true));

        AccessToken token = grant.credentials().token().orElseThrow();
        assertThat(token.value()).isEqualTo("at");
        assertThat(token.refreshToken()).contains("rt");
        assertThat(token.expiresAt()).contains(NOW.plusSeconds(3600));
        assertThat(grant.scopes()).containsExactly("read", "write");
        assertThat(grant.tokenValues()).containsExactly(Map.entry("instance_url", "https://eu1.stub.example"));
        LoggedRequest request = provider.findAll(postRequestedFor(urlEqualTo("/token"))).get(0);
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("my+client:p%40ss%3Aword".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getBodyAsString()).contains("grant_type=authorization_code", "code=the-code", "code_verifier=verifier",
                "audience=api").doesNotContain("client_secret");
    }

    @Test
    void client_auth_body_puts_the_client_in_the_form() {
        tokenAnswers(200, "{\"access_token\": \"at\"}");

        exchange(context("body", true));

        LoggedRequest request = provider.findAll(postRequestedFor(urlEqualTo("/token"))).get(0);
        assertThat(request.getHeader("Authorization")).isNull();
        assertThat(request.getBodyAsString()).contains("client_id=my+client", "client_secret=p%40ss%3Aword");
    }

    @Test
    void invalid_grant_is_rejected_with_that_code() {
        tokenAnswers(400, "{\"error\": \"invalid_grant\", \"error_description\": \"Code expired\"}");

        assertThatThrownBy(() -> exchange(context("basic", true)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
                    assertThat(e.providerError()).isEqualTo("invalid_grant");
                    assertThat(e.getMessage()).contains("Stub", "invalid_grant", "Code expired").doesNotContain("p@ss");
                });
    }

    @Test
    void an_error_in_a_200_answer_slack_style_is_rejected() {
        tokenAnswers(200, "{\"ok\": false, \"error\": \"invalid_code\"}");

        assertThatThrownBy(() -> exchange(context("basic", true)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
                    assertThat(e.providerError()).isEqualTo("invalid_code");
                });
    }

    @Test
    void a_503_is_unavailable() {
        tokenAnswers(503, "<html>down</html>");

        assertThatThrownBy(() -> exchange(context("basic", true)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE));
    }

    @Test
    void a_429_with_retry_after_is_unavailable_and_carries_the_provider_s_hint() {
        provider.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> exchange(context("basic", true)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);
                    assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(120));
                });
    }

    @Test
    void a_limit_the_connector_declares_by_its_body_is_a_wait_until_the_reset_not_a_refused_grant() {
        Context limited = TestConnectors.context(TestConnectors.read("""
                slug: stub
                name: Stub
                categories: [test]
                docs_url: https://stub.example/docs
                api:
                  base_url: https://api.stub.example
                rate_limit:
                  statuses: [429]
                  reset_header: X-RateLimit-Reset
                  reset_format: epoch_seconds
                  body_pattern: "(?i)too many requests"
                auth:
                  - type: oauth2
                    authorization_url: https://stub.example/authorize
                    token_url: %s/token
                """.formatted(provider.baseUrl())), Map.of(), Optional.of(CLIENT));
        provider.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 90))
                .withBody("{\"error\": \"invalid_request\", \"error_description\": \"Too many requests\"}")));

        assertThatThrownBy(() -> exchange(limited))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);
                    assertThat(e.rateLimited()).isTrue();
                    assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(90));
                });
    }

    @Test
    void a_200_without_an_access_token_is_rejected() {
        tokenAnswers(200, "{\"token_type\": \"bearer\"}");

        assertThatThrownBy(() -> exchange(context("basic", true)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
                    assertThat(e.getMessage()).contains("access_token");
                });
    }

    @Test
    void a_200_that_is_not_json_is_rejected() {
        tokenAnswers(200, "access_token=at&scope=read");

        assertThatThrownBy(() -> exchange(context("basic", true)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED));
    }

    @Test
    void a_refresh_without_a_new_refresh_token_keeps_the_old_one() {
        tokenAnswers(200, "{\"access_token\": \"at2\", \"expires_in\": \"60\"}");
        Credentials current = Credentials.ofToken(new AccessToken("at1", Optional.of("rt1"), Optional.of(NOW), "Bearer", List.of("read")));

        Grant grant = auth.refresh(context("basic", true), current).orElseThrow();

        AccessToken token = grant.credentials().token().orElseThrow();
        assertThat(token.value()).isEqualTo("at2");
        assertThat(token.refreshToken()).contains("rt1");
        assertThat(token.expiresAt()).contains(NOW.plusSeconds(60));
        assertThat(provider.findAll(postRequestedFor(urlEqualTo("/token"))).get(0).getBodyAsString())
                .contains("grant_type=refresh_token", "refresh_token=rt1");
    }

    @Test
    void credentials_without_a_refresh_token_have_nothing_to_refresh() {
        Credentials current = Credentials.ofToken(new AccessToken("at1", Optional.empty(), Optional.empty(), "Bearer", List.of()));

        assertThat(auth.refresh(context("basic", true), current)).isEmpty();
        assertThat(provider.getAllServeEvents()).isEmpty();
    }

    @Test
    void revocation_sends_the_refresh_token_with_its_hint_and_the_client() {
        provider.stubFor(post(urlEqualTo("/revoke")).willReturn(aResponse().withStatus(200)));
        Credentials current = Credentials.ofToken(new AccessToken("at1", Optional.of("rt1"), Optional.empty(), "Bearer", List.of()));

        auth.revoke(context("basic", true), current);

        LoggedRequest request = provider.findAll(postRequestedFor(urlEqualTo("/revoke"))).get(0);
        assertThat(request.getBodyAsString()).isEqualTo("token=rt1&token_type_hint=refresh_token");
        assertThat(request.getHeader("Authorization")).startsWith("Basic ");
    }

    @Test
    void a_failed_revocation_is_reported() {
        provider.stubFor(post(urlEqualTo("/revoke")).willReturn(aResponse().withStatus(502)));
        Credentials current = Credentials.ofToken(new AccessToken("at1", Optional.empty(), Optional.empty(), "Bearer", List.of()));

        assertThatThrownBy(() -> auth.revoke(context("basic", true), current))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE));
    }
}
