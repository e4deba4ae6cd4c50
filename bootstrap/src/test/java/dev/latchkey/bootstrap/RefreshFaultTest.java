package dev.latchkey.bootstrap;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token endpoint that hangs or fails: requests behind another's refresh wait a bounded time
 * ({@code latchkey.refresh.wait}, 1 s here) and are told when to try again; every "try again" answer
 * carries {@code Retry-After}.
 */
@MicronautTest(transactional = false)
class RefreshFaultTest extends ApiTest {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String key;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> all = new HashMap<>(super.getProperties());
        all.put("latchkey.refresh.enabled", "false");
        all.put("latchkey.refresh.wait", "1s");
        return all;
    }

    /** A connector on {@code provider} and an account whose token has expired; returns the account id. */
    private String expiredConnection(String slug, StrictOAuthProvider provider) {
        if (key == null) {
            key = newWorkspaceKey();
        }
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth2");
        auth.put("authorization_url", provider.baseUrl() + "/authorize");
        auth.put("token_url", provider.baseUrl() + "/token");
        auth.put("client_auth", "body");
        assertThat(post("/v1/connectors", Map.of("slug", slug, "name", slug, "categories", List.of("crm"),
                "icon_url", "https://strict.example/icon.png", "docs_url", "https://strict.example/docs",
                "api", Map.of("base_url", provider.baseUrl() + "/api"), "auth", List.of(auth)), key).status()).isEqualTo(201);
        assertThat(put("/v1/connectors/" + slug + "/settings", Map.of("client_id", "latchkey", "client_secret", "s3cret"), key).status())
                .isEqualTo(200);
        String account = "fault-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);
        Reply imported = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", slug, "credentials", Map.of(
                "access_token", "strict-at-0", "refresh_token", "strict-rt-0", "expires_at", Instant.now().minusSeconds(60).toString())), key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        return account;
    }

    private String accessTokenPath(String account) {
        String id = (String) get("/v1/linked-accounts/" + account + "/connections", key).list("data").get(0).get("id");
        return "/v1/linked-accounts/" + account + "/connections/" + id + "/access-token";
    }

    private CompletableFuture<HttpResponse<String>> send(String path, String account) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path)).header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(60));
        if (account != null) {
            request.header("X-Linked-Account-Id", account);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertTryAgainLater(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"" + code + "\"").contains("try again in");
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(after -> assertThat(Long.parseLong(after)).isPositive());
    }

    @Test
    void behind_a_refresh_hung_on_the_provider_the_access_token_endpoint_answers_503_refresh_in_progress_with_retry_after() throws Exception {
        try (StrictOAuthProvider provider = new StrictOAuthProvider("strict-at-0", "strict-rt-0")) {
            String path = accessTokenPath(expiredConnection("hung-token", provider));
            provider.hang();
            CompletableFuture<HttpResponse<String>> refreshing = send(path, null);
            assertThat(provider.awaitHeldRequest()).isTrue();

            // Waits for the row lock (another transaction holds it while it calls the provider), then gives up.
            assertTryAgainLater(send(path, null).get(60, TimeUnit.SECONDS), 503, "refresh_in_progress");

            provider.answer();
            HttpResponse<String> refreshed = refreshing.get(60, TimeUnit.SECONDS);
            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
            assertThat(refreshed.body()).contains("strict-at-1");
            assertThat(provider.tokenCalls()).isEqualTo(1);
        }
    }

    @Test
    void behind_a_refresh_hung_on_the_provider_a_proxied_request_answers_503_refresh_in_progress_with_retry_after() throws Exception {
        try (StrictOAuthProvider provider = new StrictOAuthProvider("strict-at-0", "strict-rt-0")) {
            String account = expiredConnection("hung-proxy", provider);
            provider.hang();
            CompletableFuture<HttpResponse<String>> refreshing = send("/v1/proxy/hung-proxy/items", account);
            assertThat(provider.awaitHeldRequest()).isTrue();

            // Waits for the preparation under way on this instance, then gives up.
            assertTryAgainLater(send("/v1/proxy/hung-proxy/items", account).get(60, TimeUnit.SECONDS), 503, "refresh_in_progress");

            provider.answer();
            assertThat(refreshing.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(provider.tokenCalls()).isEqualTo(1);
        }
    }

    @Test
    void a_provider_that_cannot_refresh_an_expired_token_is_502_provider_unavailable_with_retry_after() throws Exception {
        try (StrictOAuthProvider provider = new StrictOAuthProvider("strict-at-0", "strict-rt-0")) {
            String account = expiredConnection("down-provider", provider);
            provider.failTokenRequestsWith(503);

            HttpResponse<String> token = send(accessTokenPath(account), null).get(60, TimeUnit.SECONDS);
            HttpResponse<String> proxied = send("/v1/proxy/down-provider/items", account).get(60, TimeUnit.SECONDS);

            assertTryAgainLater(token, 502, "provider_unavailable");
            assertTryAgainLater(proxied, 502, "provider_unavailable");
            // The provider asked for 120 s (longer than the first backoff): that is what the caller is told.
            assertThat(token.headers().firstValue("Retry-After")).contains("120");
            assertThat(provider.tokenCalls()).isEqualTo(1);
        }
    }
}
