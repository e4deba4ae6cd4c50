package dev.latchkey.adapters.connectors.github;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.adapters.connectors.TestConnectors;
import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.http.OutboundGuard;
import dev.latchkey.application.port.out.AuthSchemePort.Context;
import dev.latchkey.application.port.out.AuthSchemePort.Grant;
import dev.latchkey.domain.connection.ProviderException;
import io.micronaut.json.JsonMapper;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
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

class GitHubAppAuthTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final String TOKEN_PATH = "/app/installations/42/access_tokens";

    private static WireMockServer github;
    private static KeyPair keys;

    private final GitHubAppAuth auth = new GitHubAppAuth(new GuardedHttpClient(new OutboundGuard(true)), JsonMapper.createDefault(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void start() throws NoSuchAlgorithmException {
        github = new WireMockServer(options().dynamicPort());
        github.start();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @AfterAll
    static void stop() {
        github.stop();
    }

    @BeforeEach
    void stub() {
        github.resetAll();
        github.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"token": "ghs_installation_token", "expires_at": "2030-01-01T13:00:00Z",
                         "permissions": {"contents": "read", "issues": "write"}, "repository_selection": "all"}
                        """)));
    }

    private Context context() {
        return TestConnectors.context(TestConnectors.read("""
                slug: github-app
                name: GitHub App
                categories: [developer]
                icon_url: https://github.com/favicon.ico
                docs_url: https://docs.github.com/
                api:
                  base_url: %s
                auth:
                  - type: github_app
                    fields:
                      - {name: app_id, label: App ID}
                      - {name: private_key, label: Private key, secret: true}
                      - {name: installation_id, label: Installation ID}
                """.formatted(github.baseUrl())), Map.of(), Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PKCS#1", "PKCS#8"})
    void the_installation_token_is_exchanged_for_an_rs256_jwt_signed_with_the_apps_key(String format) throws Exception {
        String pem = format.equals("PKCS#1") ? pkcs1Pem() : pkcs8Pem();
        assertThat(pem).startsWith(format.equals("PKCS#1") ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN PRIVATE KEY-----");

        Grant grant = auth.obtain(context(), Map.of("app_id", "12345", "private_key", pem, "installation_id", "42"));

        assertThat(grant.credentials().token()).hasValueSatisfying(token -> {
            assertThat(token.value()).isEqualTo("ghs_installation_token");
            assertThat(token.expiresAt()).contains(Instant.parse("2030-01-01T13:00:00Z"));
        });
        assertThat(grant.scopes()).containsExactly("contents:read", "issues:write");
        List<LoggedRequest> requests = github.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("Accept")).isEqualTo("application/vnd.github+json");
        String authorization = requests.get(0).getHeader("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("12345");
        assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(NOW.minusSeconds(60));
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(540));
    }

    @Test
    void refreshing_is_a_new_exchange_and_signing_uses_the_installation_token() throws Exception {
        Context context = context();
        Grant grant = auth.obtain(context, Map.of("app_id", "12345", "private_key", pkcs8Pem(), "installation_id", "42"));

        Grant refreshed = auth.refresh(context, grant.credentials()).orElseThrow();

        assertThat(github.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(2);
        assertThat(refreshed.credentials().fields()).containsKeys("app_id", "private_key", "installation_id");
        assertThat(auth.sign(context, refreshed.credentials(), dev.latchkey.application.port.out.AuthSchemePort.OutboundRequest.of("GET", java.net.URI.create("https://api.github.com/"))).headers()).containsExactly(Map.entry("Authorization", "Bearer ghs_installation_token"));
    }

    @Test
    void a_garbage_key_is_rejected_naming_private_key_without_echoing_it() {
        String garbage = "-----BEGIN RSA PRIVATE KEY-----\nTm90QUtleUF0QWxsU2VjcmV0U3R1ZmY=\n-----END RSA PRIVATE KEY-----\n";

        assertThatThrownBy(() -> auth.obtain(context(), Map.of("app_id", "12345", "private_key", garbage, "installation_id", "42")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
                    assertThat(e.getMessage()).contains("private_key").doesNotContain("Tm90QUtleUF0QWxsU2VjcmV0U3R1ZmY");
                    assertThat(e.getCause()).isNull();
                });
        assertThat(github.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).isEmpty();
    }

    @Test
    void a_key_that_is_no_pem_at_all_is_rejected_too() {
        assertThatThrownBy(() -> auth.obtain(context(), Map.of("app_id", "1", "private_key", "hunter2", "installation_id", "42")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.getMessage()).contains("private_key").doesNotContain("hunter2"));
    }

    @Test
    void an_unknown_installation_is_rejected_with_githubs_message() throws Exception {
        github.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Not Found\"}")));

        assertThatThrownBy(() -> auth.obtain(context(), Map.of("app_id", "12345", "private_key", pkcs1Pem(), "installation_id", "42")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
                    assertThat(e.providerError()).isEqualTo("installation_not_found");
                    assertThat(e.getMessage()).contains("Not Found");
                });
    }

    private static String pkcs1Pem() throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(keys.getPrivate());
        }
        return out.toString();
    }

    private static String pkcs8Pem() throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
        }
        return out.toString();
    }
}
