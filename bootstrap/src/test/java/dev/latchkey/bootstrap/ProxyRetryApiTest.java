package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.latchkey.adapters.persistence.activity.ActivityLogWriter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries of limited answers through the proxy, against a stub provider: only when the caller opts in
 * ({@code X-Latchkey-Retries}), only for idempotent requests, never past the caller's total wait
 * ({@code X-Latchkey-Retry-Max-Wait}), waiting what the connector's {@code rate_limit} reads from the answer.
 */
@MicronautTest(transactional = false)
class ProxyRetryApiTest extends ApiTest {
    @jakarta.inject.Inject
    ActivityLogWriter writer;
    private final WireMockServer upstream = new WireMockServer(wireMockConfig().dynamicPort());
    private String key;
    private String account;

    @BeforeAll
    void connector() {
        upstream.start();
        key = newWorkspaceKey();
        Reply reply = post("/v1/connectors", Map.of("slug", "limited", "name", "Limited", "categories", List.of("test"),
                "icon_url", "https://example.com/i.png", "docs_url", "https://example.com/docs",
                "api", Map.of("base_url", upstream.baseUrl() + "/api"),
                "rate_limit", Map.of("statuses", List.of(429, 503), "reset_header", "X-RateLimit-Reset", "reset_format", "epoch_seconds"),
                "auth", List.of(Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "Key", "secret", true)),
                        "name", "X-Api-Key"))), key);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        account = "retrying-account";
        post("/v1/linked-accounts", Map.of("id", account), key);
        Reply imported = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "limited",
                "credentials", Map.of("api_key", "k-1")), key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        upstream.stop();
    }

    @BeforeEach
    void reset() {
        upstream.resetAll();
    }

    private Reply proxy(MutableHttpRequest<?> request) {
        return call(request.header("X-Linked-Account-Id", account), key);
    }

    /** The provider limits the first request to {@code path}, then answers 200. */
    private void limitedOnce(String path, int status, String header, String value) {
        upstream.stubFor(WireMock.any(urlPathEqualTo("/api/" + path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(status).withHeader(header, value).withBody("slow down")).willSetStateTo("open"));
        upstream.stubFor(WireMock.any(urlPathEqualTo("/api/" + path)).inScenario(path).whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withBody("done")));
    }

    @Test
    void a_429_with_retry_after_is_retried_once_after_that_wait_when_the_caller_opts_in() {
        limitedOnce("once", 429, "Retry-After", "1");
        Instant started = Instant.now();

        Reply reply = proxy(HttpRequest.GET("/v1/proxy/limited/once").header("X-Latchkey-Retries", "2"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("done");
        assertThat(reply.headers().get("X-Latchkey-Retried")).isEqualTo("1");
        assertThat(Duration.between(started, Instant.now())).as("it waited what the provider asked").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        upstream.verify(2, getRequestedFor(urlPathEqualTo("/api/once")));
        writer.flush(Duration.ofSeconds(30));
        Reply logged = get("/v1/logs?linked_account_id=" + account + "&kind=proxy&limit=100", key);
        assertThat(logged.status()).as(logged.text()).isEqualTo(200);
        assertThat(logged.list("data")).filteredOn(r -> reply.headers().get("X-Request-Id").equals(r.get("request_id")))
                .singleElement().satisfies(r -> assertThat(r.get("retries")).as("the activity log counts the retry").isEqualTo(1));
    }

    @Test
    void without_the_header_a_limited_answer_passes_through_unretried() {
        limitedOnce("unasked", 429, "Retry-After", "0");

        Reply reply = proxy(HttpRequest.GET("/v1/proxy/limited/unasked"));

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.text()).isEqualTo("slow down");
        assertThat(reply.headers().get("X-Latchkey-Retried")).isNull();
        upstream.verify(1, getRequestedFor(urlPathEqualTo("/api/unasked")));
    }

    @Test
    void a_post_is_never_retried() {
        limitedOnce("posted", 429, "Retry-After", "0");

        Reply reply = proxy(HttpRequest.POST("/v1/proxy/limited/posted", Map.of("a", 1)).header("X-Latchkey-Retries", "3"));

        assertThat(reply.status()).isEqualTo(429);
        upstream.verify(1, postRequestedFor(urlPathEqualTo("/api/posted")));
    }

    @Test
    void a_wait_past_the_caller_s_budget_passes_the_provider_s_429_at_once() {
        limitedOnce("patient", 429, "Retry-After", "120");

        Reply reply = proxy(HttpRequest.GET("/v1/proxy/limited/patient").header("X-Latchkey-Retries", "3")
                .header("X-Latchkey-Retry-Max-Wait", "500"));

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.headers().get("Retry-After")).isEqualTo("120");
        assertThat(reply.headers().get("X-Latchkey-Retried")).isNull();
        upstream.verify(1, getRequestedFor(urlPathEqualTo("/api/patient")));
    }

    @Test
    void a_503_with_a_reset_header_in_epoch_seconds_is_retried_at_the_reset() {
        limitedOnce("reset", 503, "X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond()));

        Reply reply = proxy(HttpRequest.GET("/v1/proxy/limited/reset").header("X-Latchkey-Retries", "1"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().get("X-Latchkey-Retried")).isEqualTo("1");
        upstream.verify(2, getRequestedFor(urlPathEqualTo("/api/reset")));
    }

    @Test
    void retries_stop_at_the_number_the_caller_allows() {
        upstream.stubFor(WireMock.get(urlPathEqualTo("/api/always")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));

        Reply reply = proxy(HttpRequest.GET("/v1/proxy/limited/always").header("X-Latchkey-Retries", "2"));

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.headers().get("X-Latchkey-Retried")).isEqualTo("2");
        upstream.verify(3, getRequestedFor(urlPathEqualTo("/api/always")));
    }

    @Test
    void bad_retry_headers_are_400_naming_the_header() {
        Reply retries = proxy(HttpRequest.GET("/v1/proxy/limited/x").header("X-Latchkey-Retries", "9"));
        Reply wait = proxy(HttpRequest.GET("/v1/proxy/limited/x").header("X-Latchkey-Retries", "1")
                .header("X-Latchkey-Retry-Max-Wait", "10s"));

        assertThat(retries.status()).isEqualTo(400);
        assertThat(retries.headers().get("Content-Type")).startsWith("application/problem+json");
        assertThat(retries.text()).contains("X-Latchkey-Retries");
        assertThat(wait.status()).isEqualTo(400);
        assertThat(wait.text()).contains("X-Latchkey-Retry-Max-Wait");
        upstream.verify(0, getRequestedFor(urlPathEqualTo("/api/x")));
    }
}
