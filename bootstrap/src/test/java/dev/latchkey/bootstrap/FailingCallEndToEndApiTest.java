package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.latchkey.adapters.persistence.activity.ActivityLogWriter;
import dev.latchkey.application.port.in.CreateWorkspaceCommand;
import dev.latchkey.application.port.in.WorkspaceWithKey;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.WorkspaceName;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform team's minute after "the sync stopped": a proxied call the provider answers 500 and a
 * refresh the provider refuses with invalid_grant are each found in GET /v1/logs by their connection,
 * counted in /metrics, and written to the JSON log (LATCHKEY_LOG_FORMAT=json) with the request id the
 * caller was answered and the caller's workspace — and no token, header or query value.
 */
@MicronautTest(transactional = false)
class FailingCallEndToEndApiTest extends ApiTest {
    private static final String PROXY_5XX = "latchkey_proxy_requests_total{connector=\"private\",status_class=\"5xx\"}";
    private static final String REFRESH_REJECTED = "latchkey_refreshes_total{connector=\"private\",outcome=\"rejected\"}";
    private final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());
    private String key;
    private String workspace;
    private JsonLog log;

    @Inject
    ActivityLogWriter writer;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("latchkey.refresh.enabled", "false"); // only the requests refresh: the test says when
        return properties;
    }

    @BeforeAll
    void setUp() {
        provider.start();
        WorkspaceWithKey created = createWorkspace.create(new CreateWorkspaceCommand(new WorkspaceName("failing-calls"), Environment.TEST));
        key = created.secret().reveal();
        TestSecrets.register(key);
        workspace = created.workspace().id().toString();
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth2");
        auth.put("authorization_url", provider.baseUrl() + "/authorize");
        auth.put("token_url", provider.baseUrl() + "/token");
        auth.put("client_auth", "body");
        Reply connector = post("/v1/connectors", Map.of("slug", "acme-fail", "name", "Acme Fail", "categories", List.of("crm"),
                "icon_url", "https://acme.example/icon.png", "docs_url", "https://acme.example/docs",
                "api", Map.of("base_url", provider.baseUrl() + "/api"), "auth", List.of(auth)), key);
        assertThat(connector.status()).as(connector.text()).isEqualTo(201);
        assertThat(put("/v1/connectors/acme-fail/settings", Map.of("client_id", "client-id-e2e",
                "client_secret", "client-secret-e2e-0123456789"), key).status()).isEqualTo(200);
    }

    @BeforeEach
    void captureTheLog() {
        log = new JsonLog(json);
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @AfterAll
    void stop() {
        provider.stop();
    }

    /** An account with a connection whose access token expires at {@code expiresAt}; returns {account, connection id}. */
    private String[] connection(String account, String refreshToken, Instant expiresAt) {
        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);
        Reply imported = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "acme-fail",
                "credentials", Map.of("access_token", "access-" + refreshToken, "refresh_token", refreshToken,
                        "expires_at", expiresAt.toString())), key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        return new String[]{account, (String) imported.get("id")};
    }

    private Reply proxy(String path, String account, String requestId) {
        return call(HttpRequest.GET("/v1/proxy/acme-fail" + path).header("X-Linked-Account-Id", account)
                .header("X-Request-Id", requestId), key);
    }

    private List<Map<String, Object>> activity(String connectionId) {
        writer.flush(Duration.ofSeconds(30));
        Reply reply = get("/v1/logs?connection_id=" + connectionId, key);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.list("data");
    }

    /** The value of one series of /metrics, 0 while it is not there. */
    private double counter(String series) {
        Reply metrics = get("/metrics", ADMIN_TOKEN);
        assertThat(metrics.status()).isEqualTo(200);
        return metrics.text().lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).strip())).orElse(0.0);
    }

    /** The JSON lines that name this request id (written as the exchange ends: waited for, not raced). */
    private List<Map<String, Object>> jsonLines(String requestId) {
        return eventually(() -> log.lines().stream().filter(line -> requestId.equals(line.get("request_id"))).toList());
    }

    private static <T extends List<?>> T eventually(Supplier<T> found) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T result = found.get();
        while (result.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            result = found.get();
        }
        return result;
    }

    @Test
    void a_provider_500_and_an_invalid_grant_refresh_are_in_the_activity_log_the_metrics_and_the_json_log_under_one_request_id() {
        String[] failing = connection("e2e-cust-500", "refresh-token-fine-0001", Instant.now().plusSeconds(3600));
        provider.stubFor(WireMock.get(urlPathEqualTo("/api/deals")).willReturn(aResponse().withStatus(500).withBody("boom")));
        String[] revoked = connection("e2e-cust-revoked", "refresh-token-revoked-0001", Instant.now().plusSeconds(30));
        provider.stubFor(WireMock.post(urlEqualTo("/token")).withRequestBody(containing("refresh_token=refresh-token-revoked-0001"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"Token has been revoked\"}")));

        double proxy5xxBefore = counter(PROXY_5XX);
        double rejectedBefore = counter(REFRESH_REJECTED);

        Reply failed = proxy("/deals?email=someone%40example.com", failing[0], "e2e-provider-500");
        Reply refused = proxy("/deals", revoked[0], "e2e-invalid-grant");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.headers().get("X-Request-Id")).isEqualTo("e2e-provider-500");
        assertProblem(refused, 409, "connection_expired");
        assertThat(refused.headers().get("X-Request-Id")).isEqualTo("e2e-invalid-grant");

        // The activity log, by connection.
        assertThat(activity(failing[1])).singleElement().satisfies(record -> assertThat(record).containsEntry("kind", "proxy")
                .containsEntry("provider_status", 500).containsEntry("request_id", "e2e-provider-500"));
        assertThat(activity(revoked[1])).singleElement().satisfies(record -> assertThat(record).containsEntry("kind", "refresh")
                .containsEntry("problem_code", "refresh_rejected").containsEntry("request_id", "e2e-invalid-grant"));

        // The metrics (the operator's token).
        assertThat(eventually(() -> counter(PROXY_5XX) >= proxy5xxBefore + 1 ? List.of(true) : List.of())).isNotEmpty();
        assertThat(counter(PROXY_5XX)).isEqualTo(proxy5xxBefore + 1);
        assertThat(counter(REFRESH_REJECTED)).isEqualTo(rejectedBefore + 1);

        // The JSON log: one line each, with the request id, the workspace, and nothing secret.
        List<Map<String, Object>> provider500 = jsonLines("e2e-provider-500");
        assertThat(provider500).singleElement().satisfies(line -> assertThat(line)
                .containsEntry("level", "WARN").containsEntry("workspace", workspace).containsKeys("@timestamp", "logger_name")
                .hasEntrySatisfying("message", message -> assertThat((String) message).contains("500").contains("acme-fail")
                        .contains(failing[1]).doesNotContain("someone").doesNotContain("deals")));
        List<Map<String, Object>> invalidGrant = jsonLines("e2e-invalid-grant");
        assertThat(invalidGrant).singleElement().satisfies(line -> assertThat(line)
                .containsEntry("level", "WARN").containsEntry("workspace", workspace)
                .hasEntrySatisfying("message", message -> assertThat((String) message).contains("invalid_grant").contains(revoked[1])));
        assertThat(log.lines().toString()).doesNotContain("refresh-token-").doesNotContain("access-refresh-token")
                .doesNotContain("client-secret-e2e").doesNotContain(key);
    }

    @Test
    void a_refresh_an_api_call_asked_for_is_recorded_and_logged_with_its_request_id_and_workspace() {
        String[] revoked = connection("e2e-cust-token", "refresh-token-api-revoked-0001", Instant.now().plusSeconds(30));
        provider.stubFor(WireMock.post(urlEqualTo("/token")).withRequestBody(containing("refresh_token=refresh-token-api-revoked-0001"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"invalid_grant\"}")));

        Reply refused = call(HttpRequest.GET("/v1/linked-accounts/" + revoked[0] + "/connections/" + revoked[1] + "/access-token")
                .header("X-Request-Id", "e2e-access-token"), key);

        assertProblem(refused, 409, "connection_expired");
        assertThat(activity(revoked[1])).singleElement().satisfies(record -> assertThat(record).containsEntry("kind", "refresh")
                .containsEntry("problem_code", "refresh_rejected").containsEntry("request_id", "e2e-access-token"));
        assertThat(jsonLines("e2e-access-token")).singleElement().satisfies(line -> assertThat(line)
                .containsEntry("level", "WARN").containsEntry("workspace", workspace)
                .hasEntrySatisfying("message", message -> assertThat((String) message).contains("invalid_grant").contains(revoked[1])));
    }
}
