package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token refresh under load, end to end: a token endpoint (WireMock) that answers slowly so racers
 * overlap, connections imported through the API, and many callers of the access-token endpoint at
 * once — on one instance and on two instances sharing one PostgreSQL.
 */
@MicronautTest(transactional = false)
class RefreshRaceTest extends ApiTest {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(60));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Map<String, String> properties;
    private String key;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            Map<String, String> all = new HashMap<>(super.getProperties());
            // The races are made by the requests here, not by the background refresher.
            all.put("latchkey.refresh.enabled", "false");
            all.put("datasources.default.maximum-pool-size", "20");
            properties = Map.copyOf(all);
        }
        return properties;
    }

    @BeforeAll
    void setUp() {
        provider.start();
        key = newWorkspaceKey();
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth2");
        auth.put("authorization_url", provider.baseUrl() + "/authorize");
        auth.put("token_url", provider.baseUrl() + "/token");
        auth.put("scopes", List.of("read"));
        auth.put("client_auth", "body");
        Reply connector = post("/v1/connectors", Map.of("slug", "acme-refresh", "name", "Acme Refresh", "categories", List.of("crm"),
                "icon_url", "https://acme.example/icon.png", "docs_url", "https://acme.example/docs",
                "api", Map.of("base_url", provider.baseUrl() + "/api"), "auth", List.of(auth)), key);
        assertThat(connector.status()).as(connector.text()).isEqualTo(201);
        assertThat(put("/v1/connectors/acme-refresh/settings", Map.of("client_id", "latchkey-client", "client_secret", "s3cret"), key)
                .status()).isEqualTo(200);
        Map<String, Object> keyAuth = Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "API key", "secret", true)),
                "placement", "header", "name", "Authorization", "format", "Bearer {api_key}");
        assertThat(post("/v1/connectors", Map.of("slug", "acme-keys", "name", "Acme Keys", "categories", List.of("crm"),
                "icon_url", "https://acme.example/icon.png", "docs_url", "https://acme.example/docs",
                "api", Map.of("base_url", provider.baseUrl() + "/api"), "auth", List.of(keyAuth)), key).status()).isEqualTo(201);
    }

    @AfterAll
    void stopProvider() {
        provider.stop();
    }

    /** The token endpoint answers this refresh token with {@code newToken}, after 200 ms. */
    private void tokenEndpoint(String refreshToken, int status, String body) {
        provider.stubFor(WireMock.post(urlEqualTo("/token")).withRequestBody(containing("refresh_token=" + refreshToken))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withFixedDelay(200).withBody(body)));
    }

    private static String tokens(String accessToken) {
        return "{\"access_token\": \"" + accessToken + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600, \"refresh_token\": \"rotated\"}";
    }

    private int refreshCalls(String refreshToken) {
        return provider.countRequestsMatching(postRequestedFor(urlEqualTo("/token"))
                .withRequestBody(containing("refresh_token=" + refreshToken)).build()).getCount();
    }

    /** A linked account with an imported connection whose token expires at {@code expiresAt}; returns the access-token path. */
    private String importedConnection(String refreshToken, Instant expiresAt) {
        String account = "cust-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);
        Reply imported = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "acme-refresh",
                "credentials", Map.of("access_token", "old-token", "refresh_token", refreshToken, "expires_at", expiresAt.toString())), key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        return "/v1/linked-accounts/" + account + "/connections/" + imported.get("id");
    }

    private List<HttpResponse<String>> race(List<URI> bases, String path, int callers) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                URI base = bases.get(i % bases.size());
                Callable<HttpResponse<String>> call = () -> {
                    start.await();
                    return http.send(HttpRequest.newBuilder(base.resolve(path + "/access-token")).header("Authorization", "Bearer " + key)
                            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get(90, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertAllGot(List<HttpResponse<String>> responses, String token) {
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"access_token\":\"" + token + "\"").contains("\"token_type\":\"Bearer\"")
                    .contains("\"connection_id\"").contains("\"expires_at\"");
        });
    }

    @Test
    void refresh_is_done_once_when_fifty_requests_race_on_an_expired_token() throws Exception {
        tokenEndpoint("rt-threads", 200, tokens("new-token-threads"));
        String path = importedConnection("rt-threads", Instant.now().minusSeconds(60));

        List<HttpResponse<String>> responses = race(List.of(server.getURI()), path, 50);

        assertAllGot(responses, "new-token-threads");
        assertThat(refreshCalls("rt-threads")).isEqualTo(1);
        Reply connection = get(path, key);
        assertThat(connection.get("status")).isEqualTo("active");
        assertThat(connection.get("last_refreshed_at")).isNotNull();
    }

    @Test
    void refresh_is_done_once_when_two_instances_on_one_database_race() throws Exception {
        tokenEndpoint("rt-instances", 200, tokens("new-token-instances"));
        String path = importedConnection("rt-instances", Instant.now().minusSeconds(60));

        Map<String, Object> second = new HashMap<>(properties);
        second.put("micronaut.server.port", -1);
        try (EmbeddedServer instanceB = ApplicationContext.run(EmbeddedServer.class, second, "test")) {
            List<HttpResponse<String>> responses = race(List.of(server.getURI(), instanceB.getURI()), path, 40);

            assertAllGot(responses, "new-token-instances");
        }
        assertThat(refreshCalls("rt-instances")).isEqualTo(1);
    }

    @Test
    void invalid_grant_expires_the_connection_and_the_access_token_is_then_connection_expired() {
        tokenEndpoint("rt-revoked", 400, "{\"error\": \"invalid_grant\", \"error_description\": \"Token has been revoked\"}");
        String path = importedConnection("rt-revoked", Instant.now().plusSeconds(60));

        assertProblem(get(path + "/access-token", key), 409, "connection_expired");

        Reply connection = get(path, key);
        assertThat(connection.get("status")).isEqualTo("expired");
        assertThat((String) connection.get("last_error")).contains("invalid_grant");
        assertProblem(get(path + "/access-token", key), 409, "connection_expired");
        assertThat(refreshCalls("rt-revoked")).isEqualTo(1);
    }

    @Test
    void a_503_from_the_token_endpoint_leaves_the_connection_active_and_the_valid_token_in_use() {
        tokenEndpoint("rt-down", 503, "{\"message\": \"maintenance\"}");
        String path = importedConnection("rt-down", Instant.now().plusSeconds(120));

        Reply token = get(path + "/access-token", key);

        assertThat(token.status()).as(token.text()).isEqualTo(200);
        assertThat(token.get("access_token")).isEqualTo("old-token");
        Reply connection = get(path, key);
        assertThat(connection.get("status")).isEqualTo("active");
        assertThat((String) connection.get("last_error")).contains("503");
        // Backing off: the next request does not call the provider again.
        assertThat(get(path + "/access-token", key).status()).isEqualTo(200);
        assertThat(refreshCalls("rt-down")).isEqualTo(1);
    }

    @Test
    void a_503_on_an_expired_token_is_provider_unavailable_and_the_connection_stays_active() {
        tokenEndpoint("rt-down-expired", 503, "{\"message\": \"maintenance\"}");
        String path = importedConnection("rt-down-expired", Instant.now().minusSeconds(10));

        assertProblem(get(path + "/access-token", key), 502, "provider_unavailable");

        assertThat(get(path, key).get("status")).isEqualTo("active");
    }

    @Test
    void a_key_based_connection_has_no_access_token() {
        String account = "cust-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);
        Reply imported = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "acme-keys",
                "credentials", Map.of("api_key", "k-123")), key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);

        Reply reply = get("/v1/linked-accounts/" + account + "/connections/" + imported.get("id") + "/access-token", key);

        assertProblem(reply, 409, "no_access_token");
        assertThat(reply.text()).doesNotContain("k-123");
    }
}
