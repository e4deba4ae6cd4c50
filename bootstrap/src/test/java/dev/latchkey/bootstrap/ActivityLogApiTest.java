package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.latchkey.adapters.persistence.activity.ActivityLogWriter;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The activity log end to end: a proxied call the provider answers 500 and a refresh the provider
 * refuses with invalid_grant are both found through GET /v1/logs by connection, with the request id
 * the proxy answered; filters, the cursor, and another workspace's record.
 */
@MicronautTest(transactional = false)
class ActivityLogApiTest extends ApiTest {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());
    private String key;

    @Inject
    ActivityLogWriter writer;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("latchkey.refresh.enabled", "false");
        return properties;
    }

    @Override
    protected boolean checksContract() {
        return true;
    }

    @BeforeAll
    void setUp() {
        provider.start();
        key = newWorkspaceKey();
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth2");
        auth.put("authorization_url", provider.baseUrl() + "/authorize");
        auth.put("token_url", provider.baseUrl() + "/token");
        auth.put("client_auth", "body");
        Reply connector = post("/v1/connectors", Map.of("slug", "acme-log", "name", "Acme Log", "categories", List.of("crm"),
                "icon_url", "https://acme.example/icon.png", "docs_url", "https://acme.example/docs",
                "api", Map.of("base_url", provider.baseUrl() + "/api"), "auth", List.of(auth)), key);
        assertThat(connector.status()).as(connector.text()).isEqualTo(201);
        assertThat(put("/v1/connectors/acme-log/settings", Map.of("client_id", "cid", "client_secret", "csecret"), key).status())
                .isEqualTo(200);
    }

    @AfterAll
    void stop() {
        provider.stop();
    }

    /** An account with a connection whose token expires at {@code expiresAt}; returns {account, connection id}. */
    private String[] connection(String refreshToken, Instant expiresAt) {
        String account = "log-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);
        Reply imported = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "acme-log",
                "credentials", Map.of("access_token", "at-" + refreshToken, "refresh_token", refreshToken, "expires_at", expiresAt.toString())), key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        return new String[]{account, (String) imported.get("id")};
    }

    private Reply proxy(String path, String account, String requestId) {
        var request = HttpRequest.GET("/v1/proxy/acme-log" + path).header("X-Linked-Account-Id", account);
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return call(request, key);
    }

    private List<Map<String, Object>> logs(String query) {
        writer.flush(Duration.ofSeconds(30));
        Reply reply = get("/v1/logs" + query, key);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.list("data");
    }

    @Test
    void a_provider_500_and_an_invalid_grant_refresh_are_found_by_connection_with_the_request_id_the_proxy_answered() {
        String[] failing = connection("rt-fine", Instant.now().plusSeconds(3600));
        provider.stubFor(WireMock.get(urlPathEqualTo("/api/contacts")).willReturn(aResponse().withStatus(500).withBody("boom")));

        Reply proxied = proxy("/contacts?email=secret%40example.com", failing[0], "caller-req-1");

        assertThat(proxied.status()).isEqualTo(500);
        assertThat(proxied.headers().get("X-Request-Id")).isEqualTo("caller-req-1");
        List<Map<String, Object>> records = logs("?connection_id=" + failing[1]);
        assertThat(records).hasSize(1);
        Map<String, Object> record = records.get(0);
        assertThat(record).containsEntry("kind", "proxy").containsEntry("provider_status", 500).containsEntry("status", 500)
                .containsEntry("method", "GET").containsEntry("path", "/api/contacts").containsEntry("request_id", "caller-req-1")
                .containsEntry("linked_account_id", failing[0]).containsEntry("connector", "acme-log").containsEntry("response_bytes", 4);
        assertThat(record.toString()).doesNotContain("secret").doesNotContain("at-rt-fine");

        String[] revoked = connection("rt-revoked", Instant.now().plusSeconds(30));
        provider.stubFor(WireMock.post(urlEqualTo("/token")).withRequestBody(containing("refresh_token=rt-revoked"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"Token has been revoked\"}")));

        Reply refused = proxy("/contacts", revoked[0], null);

        assertProblem(refused, 409, "connection_expired");
        String requestId = refused.headers().get("X-Request-Id");
        assertThat(requestId).isNotBlank();
        List<Map<String, Object>> revokedRecords = logs("?connection_id=" + revoked[1]);
        assertThat(revokedRecords).extracting(r -> r.get("kind")).containsExactly("refresh");
        Map<String, Object> refresh = revokedRecords.get(0);
        assertThat(refresh).containsEntry("request_id", requestId).containsEntry("problem_code", "refresh_rejected")
                .containsEntry("linked_account_id", revoked[0]);
        assertThat((String) refresh.get("error")).contains("invalid_grant");
        // The proxied call failed while its connection was being prepared, before it was chosen: it is found by account.
        Map<String, Object> proxyRecord = logs("?linked_account_id=" + revoked[0] + "&kind=proxy").get(0);
        assertThat(proxyRecord).containsEntry("request_id", requestId).containsEntry("status", 409)
                .containsEntry("problem_code", "connection_expired");
        assertThat(logs("?connection_id=" + revoked[1] + "&kind=refresh")).hasSize(1);
        assertThat(logs("?connection_id=" + failing[1] + "&status=5xx")).hasSize(1);
        assertThat(logs("?connection_id=" + failing[1] + "&status=4xx")).isEmpty();
    }

    @Test
    void the_cursor_walks_the_log_newest_first_without_repeats_and_filters_by_account() {
        String[] paged = connection("rt-paged", Instant.now().plusSeconds(3600));
        provider.stubFor(WireMock.get(urlPathEqualTo("/api/page")).willReturn(aResponse().withStatus(200).withBody("{}")));
        for (int i = 0; i < 5; i++) {
            assertThat(proxy("/page", paged[0], "page-" + i).status()).isEqualTo(200);
        }
        writer.flush(Duration.ofSeconds(30));
        Set<Object> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        Instant previous = null;
        do {
            Reply page = get("/v1/logs?linked_account_id=" + paged[0] + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            for (Map<String, Object> record : page.list("data")) {
                assertThat(seen.add(record.get("id"))).isTrue();
                Instant at = Instant.parse((String) record.get("started_at"));
                assertThat(previous == null || !at.isAfter(previous)).isTrue();
                previous = at;
            }
            cursor = (String) page.get("next_cursor");
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(5);
        assertThat(pages).isEqualTo(3);
        String id = (String) seen.iterator().next();
        assertThat(get("/v1/logs/" + id, key).get("linked_account_id")).isEqualTo(paged[0]);
        assertProblem(get("/v1/logs/" + id, newWorkspaceKey()), 404, "activity_not_found");
        assertThat(get("/v1/logs?linked_account_id=" + paged[0], newWorkspaceKey()).list("data")).isEmpty();
    }

    @Test
    void bad_filters_are_400_naming_each_field() {
        Reply reply = get("/v1/logs?kind=everything&status=4XX&since=yesterday&limit=0&connection_id=x&cursor=zz", key);
        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).contains("kind", "status", "since", "limit", "connection_id");
        assertProblem(get("/v1/logs?cursor=not-a-cursor", key), 400, "validation_failed");
        assertProblem(get("/v1/logs/not-an-id", key), 400, "validation_failed");
    }
}
