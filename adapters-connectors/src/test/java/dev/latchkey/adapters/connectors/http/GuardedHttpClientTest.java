package dev.latchkey.adapters.connectors.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderRequest;
import dev.latchkey.application.port.out.ProviderHttpPort.ProviderResponse;
import dev.latchkey.domain.connection.ProviderException;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardedHttpClientTest {
    private static WireMockServer provider;

    private final ProviderHttpAdapter allowed = new ProviderHttpAdapter(new GuardedHttpClient(new OutboundGuard(true)), new OutboundGuard(true), JsonMapper.createDefault());

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

    private static ProviderRequest getRequest(String path) {
        return new ProviderRequest("GET", URI.create(provider.baseUrl() + path), Map.of("Accept", "application/json"), Optional.empty());
    }

    @Test
    void sends_the_request_and_returns_status_headers_and_body() {
        provider.stubFor(post(urlEqualTo("/things")).withHeader("X-Api-Key", equalTo("k"))
                .willReturn(aResponse().withStatus(201).withHeader("X-Request-Id", "r1").withBody("{\"id\":1}")));

        ProviderResponse response = allowed.send(new ProviderRequest("POST", URI.create(provider.baseUrl() + "/things"),
                Map.of("X-Api-Key", "k", "Host", "ignored.example"), Optional.of("{}")));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers()).containsEntry("x-request-id", "r1");
        assertThat(response.body()).isEqualTo("{\"id\":1}");
        provider.verify(postRequestedFor(urlEqualTo("/things")).withRequestBody(equalTo("{}")));
    }

    @Test
    void redirects_are_returned_not_followed() {
        provider.stubFor(get(urlEqualTo("/old")).willReturn(aResponse().withStatus(302).withHeader("Location", "http://169.254.169.254/")));

        ProviderResponse response = allowed.send(getRequest("/old"));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.headers()).containsEntry("location", "http://169.254.169.254/");
        provider.verify(1, getRequestedFor(urlEqualTo("/old")));
    }

    @Test
    void the_body_is_cut_at_one_mebibyte() {
        provider.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withStatus(200).withBody("x".repeat(GuardedHttpClient.MAX_BODY_BYTES + 4096))));

        assertThat(allowed.send(getRequest("/big")).body()).hasSize(GuardedHttpClient.MAX_BODY_BYTES);
    }

    @Test
    void the_local_test_server_is_refused_when_private_networks_are_not_allowed() {
        ProviderHttpAdapter strict = new ProviderHttpAdapter(new GuardedHttpClient(new OutboundGuard(false)), new OutboundGuard(false), JsonMapper.createDefault());

        assertThatThrownBy(() -> strict.send(getRequest("/anything")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE));
        assertThat(provider.getAllServeEvents()).isEmpty();
    }

    @Test
    void a_connection_failure_is_unavailable_and_names_only_the_host() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> allowed.send(new ProviderRequest("GET", URI.create("http://localhost:" + closedPort + "/x?api_key=secret"),
                Map.of(), Optional.empty())))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE))
                .hasMessageContaining("localhost")
                .hasMessageNotContaining("secret");
    }

    @Test
    void a_response_slower_than_the_read_timeout_is_unavailable() {
        provider.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(1_000)));
        ProviderHttpAdapter impatient = new ProviderHttpAdapter(new GuardedHttpClient(new OutboundGuard(true), Duration.ofSeconds(5),
                Duration.ofMillis(100)), new OutboundGuard(true), JsonMapper.createDefault());

        assertThatThrownBy(() -> impatient.send(getRequest("/slow")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE))
                .hasMessageContaining("timed out");
    }

    @Test
    void the_address_checked_is_the_address_connected_to_when_the_name_later_resolves_elsewhere(@TempDir Path keys) throws Exception {
        StubTlsCertificate certificate = new StubTlsCertificate("rebind.test", keys);
        WireMockServer tlsProvider = new WireMockServer(options().dynamicPort().dynamicHttpsPort()
                .keystorePath(certificate.keystore.toString()).keystoreType("PKCS12")
                .keystorePassword(StubTlsCertificate.PASSWORD).keyManagerPassword(StubTlsCertificate.PASSWORD));
        tlsProvider.start();
        try {
            tlsProvider.stubFor(get(urlEqualTo("/hello")).willReturn(aResponse().withStatus(200).withBody("from the checked address")));
            // First answer: the stub server (loopback, allowed for this test only); every later answer: a private address.
            AtomicInteger lookups = new AtomicInteger();
            OutboundGuard rebinding = new OutboundGuard(false, host -> new InetAddress[] {lookups.incrementAndGet() == 1
                    ? InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})
                    : InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1})},
                    Set::of, Set.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1})));
            try (GuardedHttpClient client = new GuardedHttpClient(rebinding, Duration.ofSeconds(5), Duration.ofSeconds(10), certificate.trustingIt)) {
                ProviderResponse response = client.send(new ProviderRequest("GET", URI.create("https://rebind.test:" + tlsProvider.httpsPort() + "/hello"),
                        Map.of(), Optional.empty()));

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("from the checked address");
                assertThat(lookups).hasValue(1);
            }
        } finally {
            tlsProvider.stop();
        }
    }

    @Test
    void the_certificate_is_verified_for_the_host_name_although_the_socket_connects_to_an_address(@TempDir Path keys) throws Exception {
        StubTlsCertificate certificate = new StubTlsCertificate("rebind.test", keys);
        WireMockServer tlsProvider = new WireMockServer(options().dynamicPort().dynamicHttpsPort()
                .keystorePath(certificate.keystore.toString()).keystoreType("PKCS12")
                .keystorePassword(StubTlsCertificate.PASSWORD).keyManagerPassword(StubTlsCertificate.PASSWORD));
        tlsProvider.start();
        try {
            tlsProvider.stubFor(get(urlEqualTo("/hello")).willReturn(aResponse().withStatus(200)));
            OutboundGuard loopbackAllowed = new OutboundGuard(false, host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})},
                    Set::of, Set.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1})));
            try (GuardedHttpClient client = new GuardedHttpClient(loopbackAllowed, Duration.ofSeconds(5), Duration.ofSeconds(10), certificate.trustingIt)) {
                assertThatThrownBy(() -> client.send(new ProviderRequest("GET", URI.create("https://impostor.test:" + tlsProvider.httpsPort() + "/hello"),
                        Map.of(), Optional.empty())))
                        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE))
                        .hasMessageContaining("impostor.test");
                assertThat(tlsProvider.getAllServeEvents()).isEmpty();
            }
        } finally {
            tlsProvider.stop();
        }
    }

    @Test
    void a_name_that_resolves_to_a_refused_address_is_never_connected_to() {
        ProviderHttpAdapter strict = new ProviderHttpAdapter(new GuardedHttpClient(new OutboundGuard(false,
                host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {(byte) 198, 18, 0, 1})})),
                new OutboundGuard(false), JsonMapper.createDefault());

        assertThatThrownBy(() -> strict.send(new ProviderRequest("POST", URI.create("https://bench.example.com/token?secret=s3cr3t"),
                Map.of("Authorization", "Bearer s3cr3t"), Optional.of("client_secret=s3cr3t"))))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE))
                .hasMessageContaining("refused a request to bench.example.com")
                .hasMessageContaining("benchmarking")
                .hasMessageContaining("LATCHKEY_ALLOW_PRIVATE_NETWORK=true")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void a_body_longer_than_the_limit_does_not_keep_the_client_reading() {
        provider.stubFor(get(urlEqualTo("/endless")).willReturn(aResponse().withStatus(200)
                .withBody("y".repeat(GuardedHttpClient.MAX_BODY_BYTES * 3))));

        assertThat(allowed.send(getRequest("/endless")).body()).hasSize(GuardedHttpClient.MAX_BODY_BYTES);
        provider.stubFor(get(urlEqualTo("/after")).willReturn(aResponse().withStatus(204)));
        assertThat(allowed.send(getRequest("/after")).status()).isEqualTo(204);
    }
}
