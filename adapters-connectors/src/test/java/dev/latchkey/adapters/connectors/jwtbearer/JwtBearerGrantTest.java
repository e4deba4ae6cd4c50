package dev.latchkey.adapters.connectors.jwtbearer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.adapters.connectors.http.GuardedHttpClient;
import dev.latchkey.adapters.connectors.http.OutboundGuard;
import dev.latchkey.domain.connection.ProviderException;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The assertion exchanged at stub Google and Salesforce token endpoints that verify its signature with the public key. */
class JwtBearerGrantTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String GOOGLE_PATH = "/token";
    private static final String SALESFORCE_PATH = "/services/oauth2/token";

    private static WireMockServer provider;
    private static GuardedHttpClient http;
    private static KeyPair keys;

    private final JwtBearerAssertions assertions = new JwtBearerAssertions(CLOCK);
    private final JwtBearerGrant grant = new JwtBearerGrant(http, JsonMapper.createDefault(), CLOCK);

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
        String googleAudience = provider.baseUrl() + GOOGLE_PATH;
        provider.stubFor(post(urlEqualTo(GOOGLE_PATH))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .andMatching(new JwtBearerStubVerifier((RSAPublicKey) keys.getPublic(), "robot@project.iam.gserviceaccount.com", googleAudience, 3600))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"access_token": "ya29.service-account-token", "scope": "https://www.googleapis.com/auth/drive.readonly",
                         "token_type": "Bearer", "expires_in": 3599}
                        """)));
        provider.stubFor(post(urlEqualTo(SALESFORCE_PATH))
                .andMatching(new JwtBearerStubVerifier((RSAPublicKey) keys.getPublic(), "3MVG9consumerKey", "https://login.salesforce.com", 180))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"access_token": "00Dxx!salesforce-session", "scope": "api", "instance_url": "https://acme.my.salesforce.com",
                         "id": "https://login.salesforce.com/id/00Dxx/005xx", "token_type": "Bearer"}
                        """)));
        JwtBearerStubVerifier.refuseTheRest(provider);
    }

    private String google(KeyPair signer) {
        return assertions.sign(new JwtBearerClaims("robot@project.iam.gserviceaccount.com", Optional.empty(), provider.baseUrl() + GOOGLE_PATH,
                List.of("https://www.googleapis.com/auth/drive.readonly"), Duration.ofHours(1), Optional.of("kid-1")),
                JwtBearerAssertions.privateKey(TestKeys.pkcs8(signer), "private_key"));
    }

    @Test
    void a_google_service_account_assertion_is_exchanged_for_an_access_token() throws Exception {
        JwtBearerGrant.TokenResult result = grant.exchange("Google", URI.create(provider.baseUrl() + GOOGLE_PATH), google(keys), Map.of(), Map.of());

        assertThat(result.token().value()).isEqualTo("ya29.service-account-token");
        assertThat(result.token().expiresAt()).contains(NOW.plusSeconds(3599));
        assertThat(result.token().refreshToken()).isEmpty();
        assertThat(result.scopes()).containsExactly("https://www.googleapis.com/auth/drive.readonly");
        List<LoggedRequest> requests = provider.findAll(postRequestedFor(urlEqualTo(GOOGLE_PATH)));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getBodyAsString()).startsWith("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=")
                .doesNotContain("client_secret");
        String assertion = java.net.URLDecoder.decode(requests.get(0).getBodyAsString().replaceFirst(".*assertion=", ""), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(SignedJWT.parse(assertion).getJWTClaimsSet().getStringClaim("scope")).isEqualTo("https://www.googleapis.com/auth/drive.readonly");
    }

    @Test
    void a_salesforce_assertion_is_exchanged_and_the_instance_url_kept() {
        String assertion = assertions.sign(new JwtBearerClaims("3MVG9consumerKey", Optional.of("integration@acme.example"),
                "https://login.salesforce.com", List.of(), Duration.ofMinutes(3), Optional.empty()),
                JwtBearerAssertions.privateKey(TestKeys.pkcs1(keys), "private_key"));

        JwtBearerGrant.TokenResult result = grant.exchange("Salesforce", URI.create(provider.baseUrl() + SALESFORCE_PATH), assertion, Map.of(),
                Map.of("instance_url", "/instance_url"));

        assertThat(result.token().value()).isEqualTo("00Dxx!salesforce-session");
        assertThat(result.token().expiresAt()).isEmpty();
        assertThat(result.values()).containsExactly(Map.entry("instance_url", "https://acme.my.salesforce.com"));
    }

    @Test
    void an_assertion_signed_with_another_key_is_refused_with_the_providers_error() {
        String forged = google(TestKeys.rsa());

        assertThatThrownBy(() -> grant.exchange("Google", URI.create(provider.baseUrl() + GOOGLE_PATH), forged, Map.of(), Map.of()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
                    assertThat(e.providerError()).isEqualTo("invalid_grant");
                    assertThat(e.getMessage()).contains("Google").contains("Invalid JWT Signature.").doesNotContain(forged);
                });
    }

    @Test
    void an_assertion_living_longer_than_salesforce_allows_is_refused() {
        String assertion = assertions.sign(new JwtBearerClaims("3MVG9consumerKey", Optional.of("integration@acme.example"),
                "https://login.salesforce.com", List.of(), Duration.ofMinutes(10), Optional.empty()),
                JwtBearerAssertions.privateKey(TestKeys.pkcs1(keys), "private_key"));

        assertThatThrownBy(() -> grant.exchange("Salesforce", URI.create(provider.baseUrl() + SALESFORCE_PATH), assertion, Map.of(), Map.of()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.providerError()).isEqualTo("invalid_grant"));
    }

    @Test
    void a_failing_token_endpoint_is_unavailable_not_rejected() {
        provider.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> grant.exchange("Google", URI.create(provider.baseUrl() + "/down"), google(keys), Map.of(), Map.of()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE));
    }
}
