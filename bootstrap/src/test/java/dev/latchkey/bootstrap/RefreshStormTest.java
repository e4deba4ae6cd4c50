package dev.latchkey.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
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
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 401 storms against a strict provider ({@link StrictOAuthProvider}: refresh tokens work once, the API
 * takes only the latest access token): the provider stops accepting a connection's token while
 * hundreds of proxied requests signed with it are in flight, on one instance and on two sharing one
 * PostgreSQL. Every request must end 200 and the token endpoint must be called exactly once per storm
 * — a second call would burn the rotated refresh token and expire the connection.
 */
@MicronautTest(transactional = false)
class RefreshStormTest extends ApiTest {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static final int STORMS = 10;
    private static final int REQUESTS = 300;
    private static final int CONCURRENCY = 64;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Map<String, String> properties;
    private String key;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            Map<String, String> all = new HashMap<>(super.getProperties());
            all.put("latchkey.refresh.enabled", "false");
            all.put("datasources.default.maximum-pool-size", "20");
            properties = Map.copyOf(all);
        }
        return properties;
    }

    /** A connector on {@code provider} and a linked account holding its grant; returns the account id. */
    private String connectedAccount(String slug, StrictOAuthProvider provider, String accessToken, String refreshToken) {
        if (key == null) {
            key = newWorkspaceKey();
        }
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth2");
        auth.put("authorization_url", provider.baseUrl() + "/authorize");
        auth.put("token_url", provider.baseUrl() + "/token");
        auth.put("client_auth", "body");
        Reply connector = post("/v1/connectors", Map.of("slug", slug, "name", slug, "categories", List.of("crm"),
                "icon_url", "https://strict.example/icon.png", "docs_url", "https://strict.example/docs",
                "api", Map.of("base_url", provider.baseUrl() + "/api"), "auth", List.of(auth)), key);
        assertThat(connector.status()).as(connector.text()).isEqualTo(201);
        assertThat(put("/v1/connectors/" + slug + "/settings", Map.of("client_id", "latchkey", "client_secret", "s3cret"), key).status())
                .isEqualTo(200);
        String account = "storm-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);
        Reply imported = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", slug, "credentials", Map.of(
                "access_token", accessToken, "refresh_token", refreshToken, "expires_at", Instant.now().plusSeconds(3600).toString())), key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        return account;
    }

    private HttpResponse<String> proxied(URI base, String slug, String account) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/v1/proxy/" + slug + "/items")).header("Authorization", "Bearer " + key)
                .header("X-Linked-Account-Id", account).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code requests} calls, {@code concurrency} at a time, all released at once; their statuses counted. */
    private Map<Integer, Integer> race(int requests, int concurrency, java.util.function.IntFunction<Callable<Integer>> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Callable<Integer> one = call.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return one.call();
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> future : futures) {
                statuses.merge(future.get(120, TimeUnit.SECONDS), 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the storms; returns "token calls per storm" for the report. */
    private List<Integer> storms(String name, List<URI> bases, String slug) throws Exception {
        List<Integer> callsPerStorm = new ArrayList<>();
        try (StrictOAuthProvider provider = new StrictOAuthProvider("strict-at-0", "strict-rt-0")) {
            String account = connectedAccount(slug, provider, "strict-at-0", "strict-rt-0");
            for (int storm = 1; storm <= STORMS; storm++) {
                // Every instance has the current target remembered, signed with the token about to be refused.
                for (URI base : bases) {
                    HttpResponse<String> warm = proxied(base, slug, account);
                    assertThat(warm.statusCode()).as(warm.body()).isEqualTo(200);
                }
                int callsBefore = provider.tokenCalls();
                provider.revokeAccessToken();

                Map<Integer, Integer> statuses = race(REQUESTS, CONCURRENCY, i -> () -> proxied(bases.get(i % bases.size()), slug, account).statusCode());

                int calls = provider.tokenCalls() - callsBefore;
                callsPerStorm.add(calls);
                System.out.printf("[%s] storm %d: %d token-endpoint call(s), statuses %s%n", name, storm, calls, statuses);
                assertThat(statuses).as("storm %d", storm).isEqualTo(Map.of(200, REQUESTS));
                assertThat(calls).as("token-endpoint calls in storm %d", storm).isEqualTo(1);
                assertThat(provider.invalidGrants()).as("refresh tokens used twice").isZero();
            }
            Reply connection = get("/v1/linked-accounts/" + account + "/connections", key);
            assertThat(connection.list("data")).singleElement().satisfies(c -> assertThat(c.get("status")).isEqualTo("active"));
        }
        return callsPerStorm;
    }

    @Test
    void a_401_storm_refreshes_once_and_every_request_succeeds_on_one_instance() throws Exception {
        assertThat(storms("one instance", List.of(server.getURI()), "strict-one")).containsOnly(1);
    }

    @Test
    void a_401_storm_refreshes_once_and_every_request_succeeds_on_two_instances_sharing_one_database() throws Exception {
        Map<String, Object> second = new HashMap<>(properties);
        second.put("micronaut.server.port", -1);
        try (EmbeddedServer instanceB = ApplicationContext.run(EmbeddedServer.class, second, "test")) {
            assertThat(storms("two instances", List.of(server.getURI(), instanceB.getURI()), "strict-two")).containsOnly(1);
        }
    }

    @Test
    void callers_of_the_access_token_endpoint_that_saw_one_token_rejected_refresh_it_once() throws Exception {
        try (StrictOAuthProvider provider = new StrictOAuthProvider("strict-at-0", "strict-rt-0")) {
            String account = connectedAccount("strict-sdk", provider, "strict-at-0", "strict-rt-0");
            String connectionId = (String) get("/v1/linked-accounts/" + account + "/connections", key).list("data").get(0).get("id");
            String path = "/v1/linked-accounts/" + account + "/connections/" + connectionId + "/access-token";
            Reply first = get(path, key);
            assertThat(first.get("access_token")).isEqualTo("strict-at-0");
            String rejected = (String) first.get("token_id");
            assertThat(rejected).isNotBlank().doesNotContain("strict-at-0");
            provider.revokeAccessToken();
            Map<String, Object> second = new HashMap<>(properties);
            second.put("micronaut.server.port", -1);
            try (EmbeddedServer instanceB = ApplicationContext.run(EmbeddedServer.class, second, "test")) {
                List<URI> bases = List.of(server.getURI(), instanceB.getURI());
                List<String> tokens = java.util.Collections.synchronizedList(new ArrayList<>());

                Map<Integer, Integer> statuses = race(40, 40, i -> () -> {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(bases.get(i % 2).resolve(
                                    path + "?force_refresh=true&rejected_token_id=" + rejected)).header("Authorization", "Bearer " + key)
                            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                    tokens.add((String) json.readValue(response.body(), Map.class).get("access_token"));
                    return response.statusCode();
                });

                assertThat(statuses).isEqualTo(Map.of(200, 40));
                assertThat(tokens).containsOnly("strict-at-1");
            }
            // A caller that comes late with the old token's id gets the current token, without a refresh.
            Reply late = get(path + "?force_refresh=true&rejected_token_id=" + rejected, key);
            assertThat(late.get("access_token")).isEqualTo("strict-at-1");
            assertThat(provider.tokenCalls()).isEqualTo(1);
            assertThat(provider.invalidGrants()).isZero();

            // The current token's id does refresh it.
            Reply refreshed = get(path + "?force_refresh=true&rejected_token_id=" + late.get("token_id"), key);
            assertThat(refreshed.get("access_token")).isEqualTo("strict-at-2");
            assertThat(provider.tokenCalls()).isEqualTo(2);

            assertProblem(get(path + "?force_refresh=true", key), 400, "validation_failed");
            assertThat(get(path + "?force_refresh=true", key).errorFields()).containsExactly("rejected_token_id");
            assertThat(get(path + "?force_refresh=yes&rejected_token_id=abc", key).errorFields())
                    .containsExactlyInAnyOrder("force_refresh", "rejected_token_id");
            assertThat(get(path + "?rejected_token_id=" + rejected, key).errorFields()).containsExactly("force_refresh");
        }
    }
}
