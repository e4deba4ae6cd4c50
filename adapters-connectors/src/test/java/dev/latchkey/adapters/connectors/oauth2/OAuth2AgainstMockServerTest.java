package dev.latchkey.adapters.connectors.oauth2;

import dev.latchkey.domain.connector.OAuthClient;

import dev.latchkey.adapters.connectors.TestConnectors;
import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.http.OutboundGuard;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.AuthSchemePort.AuthorizationRequest;
import dev.latchkey.application.port.out.AuthSchemePort.OutboundRequest;
import dev.latchkey.application.port.out.AuthSchemePort.Completion;
import dev.latchkey.application.port.out.AuthSchemePort.Context;
import dev.latchkey.application.port.out.AuthSchemePort.Grant;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.credential.AccessToken;
import io.micronaut.json.JsonMapper;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OAuth schemes against a real OAuth 2.0 server (no.nav mock-oauth2-server), which checks PKCE. */
class OAuth2AgainstMockServerTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final String REDIRECT_URI = "https://latchkey.example/oauth/callback";
    private static final OAuthClient CLIENT = new OAuthClient("latchkey-client", "s3cret+/=");

    private static MockOAuth2Server server;
    private static HttpClient browser;

    private final GuardedHttpClient http = new GuardedHttpClient(new OutboundGuard(true));
    private final OAuth2AuthorizationCodeAuth auth = new OAuth2AuthorizationCodeAuth(http, JsonMapper.createDefault(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void start() {
        server = new MockOAuth2Server();
        server.start(0);
        browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        browser.close();
        server.shutdown();
    }

    private static ConnectorDefinition connector(String clientAuth) {
        return TestConnectors.read("""
                slug: mock-provider
                name: Mock provider
                categories: [test]
                icon_url: https://mock.example/icon.png
                docs_url: https://mock.example/docs
                api:
                  base_url: https://api.mock.example
                auth:
                  - type: oauth2
                    authorization_url: %s
                    token_url: %s
                    revocation_url: %s
                    scopes: [openid, profile]
                    pkce: true
                    client_auth: %s
                """.formatted(server.authorizationEndpointUrl("default"), server.tokenEndpointUrl("default"),
                server.revocationEndpointUrl("default"), clientAuth));
    }

    private static Context context(String clientAuth) {
        return TestConnectors.context(connector(clientAuth), Map.of(), Optional.of(CLIENT));
    }

    @Test
    void the_code_exchanged_with_the_pkce_verifier_gives_tokens_that_refresh() throws Exception {
        Context context = context("basic");
        Authorized authorized = authorize(context, "state-123");

        Grant grant = auth.complete(authorized.completion(context));

        AccessToken token = grant.credentials().token().orElseThrow();
        assertThat(token.value()).isNotBlank();
        assertThat(token.refreshToken()).isPresent();
        assertThat(token.expiresAt()).hasValueSatisfying(at -> assertThat(at).isAfter(NOW));
        assertThat(grant.credentials().fields()).isEmpty();

        Grant refreshed = auth.refresh(context, grant.credentials()).orElseThrow();
        AccessToken fresh = refreshed.credentials().token().orElseThrow();
        assertThat(fresh.value()).isNotBlank().isNotEqualTo(token.value());
        assertThat(fresh.refreshToken()).isPresent();
    }

    @Test
    void client_authentication_in_the_body_works_too() throws Exception {
        Context context = context("body");
        Grant grant = auth.complete(authorize(context, "state-body").completion(context));

        assertThat(grant.credentials().token()).isPresent();
    }

    @Test
    void a_wrong_pkce_verifier_is_rejected_by_the_server() throws Exception {
        Context context = context("basic");
        String code = authorize(context, "state-456").code();

        assertThatThrownBy(() -> auth.complete(new Completion(context, Map.of("code", code), REDIRECT_URI, Optional.of(verifier()))))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
                    assertThat(e.providerError()).isEqualTo("invalid_grant");
                });
    }

    @Test
    void revocation_at_the_declared_endpoint_is_accepted() throws Exception {
        Context context = context("basic");
        Grant grant = auth.complete(authorize(context, "s").completion(context));

        assertThatCode(() -> auth.revoke(context, grant.credentials())).doesNotThrowAnyException();
    }

    @Test
    void the_client_credentials_grant_gives_a_token_and_keeps_the_client_for_the_next_grant() {
        ConnectorDefinition connector = TestConnectors.read("""
                slug: mock-machine
                name: Mock machine
                categories: [test]
                icon_url: https://mock.example/icon.png
                docs_url: https://mock.example/docs
                api:
                  base_url: https://api.mock.example
                auth:
                  - type: oauth2_client_credentials
                    token_url: %s
                    scopes: [api]
                    client_auth: basic
                """.formatted(server.tokenEndpointUrl("default")));
        Context context = TestConnectors.context(connector, Map.of(), Optional.empty());
        OAuth2ClientCredentialsAuth clientCredentials = new OAuth2ClientCredentialsAuth(http, JsonMapper.createDefault(),
                Clock.fixed(NOW, ZoneOffset.UTC));

        Grant grant = clientCredentials.obtain(context, Map.of("client_id", "machine", "client_secret", "machine-secret"));

        assertThat(grant.credentials().token()).hasValueSatisfying(t -> {
            assertThat(t.value()).isNotBlank();
            assertThat(t.expiresAt()).hasValueSatisfying(at -> assertThat(at).isAfter(NOW));
        });
        assertThat(grant.credentials().fields()).containsEntry("client_id", "machine");
        assertThat(clientCredentials.refresh(context, grant.credentials())).hasValueSatisfying(
                g -> assertThat(g.credentials().token()).isPresent());
        assertThat(clientCredentials.sign(context, grant.credentials(), OutboundRequest.of("GET", URI.create("https://api.mock.example/"))).headers())
                .containsEntry("Authorization", "Bearer " + grant.credentials().token().orElseThrow().value());
    }

    /** The code the consent page sent back, and the PKCE verifier the scheme kept for it. */
    private record Authorized(String code, Optional<String> kept) {
        Completion completion(Context context) {
            return new Completion(context, Map.of("code", code), REDIRECT_URI, kept);
        }
    }

    /** Follows the consent page like a browser would, without following its redirect: the code it carries. */
    private Authorized authorize(Context context, String state) throws Exception {
        AuthSchemePort.Authorization authorization = auth.authorize(new AuthorizationRequest(context, List.of("openid", "profile"),
                REDIRECT_URI, state));
        assertThat(authorization.kept()).hasValueSatisfying(v -> assertThat(v).matches("[A-Za-z0-9_-]{43}"));
        assertThat(authorization.url().getRawQuery()).contains("code_challenge=" + challenge(authorization.kept().get()),
                "code_challenge_method=S256");
        URI url = authorization.url();
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT_URI);
        Map<String, String> query = Arrays.stream(location.getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(query).containsEntry("state", state).containsKey("code");
        return new Authorized(query.get("code"), authorization.kept());
    }

    private static String verifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) throws NoSuchAlgorithmException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
