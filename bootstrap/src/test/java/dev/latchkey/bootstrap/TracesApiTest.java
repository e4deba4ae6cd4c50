package dev.latchkey.bootstrap;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.latchkey.adapters.metrics.tracing.OtlpTracing;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import jakarta.inject.Inject;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces end to end (README, "Traces"), against an OTLP receiver in the test: with
 * OTEL_EXPORTER_OTLP_ENDPOINT set, a proxied call is a span under the caller's {@code traceparent}, its
 * refresh and its call to the provider are that span's children, the provider is sent the provider
 * call's {@code traceparent} only when its connector allows it, and no span carries a secret or a query.
 */
@MicronautTest(transactional = false)
class TracesApiTest extends ApiTest {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final OtlpReceiver receiver = OtlpReceiver.start();
    private final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());
    private String key;

    @Inject
    OtlpTracing tracing;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        // What OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:<port> gives.
        properties.put("otel.exporter.otlp.endpoint", receiver.endpoint());
        properties.put("latchkey.refresh.enabled", "false");
        properties.put(LogProbeController.ENABLED, "true");
        return properties;
    }

    @BeforeAll
    void setUp() {
        provider.start();
        key = newWorkspaceKey();
        connector("acme-traced", true);
        connector("acme-quiet", false);
        provider.stubFor(WireMock.post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\": \"at-refreshed-secret\", \"token_type\": \"Bearer\", \"expires_in\": 3600,"
                        + " \"refresh_token\": \"rt-rotated-secret\"}")));
        provider.stubFor(WireMock.get(urlPathMatching("/acme-[a-z]+/contacts")).willReturn(aResponse().withStatus(200).withBody("[]")));
    }

    @AfterAll
    void stop() {
        provider.stop();
        receiver.close();
    }

    private void connector(String slug, boolean propagate) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth2");
        auth.put("authorization_url", provider.baseUrl() + "/authorize");
        auth.put("token_url", provider.baseUrl() + "/token");
        auth.put("client_auth", "body");
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("base_url", provider.baseUrl() + "/" + slug);
        if (propagate) {
            api.put("propagate_trace", true);
        }
        Reply created = post("/v1/connectors", Map.of("slug", slug, "name", slug, "categories", List.of("crm"),
                "icon_url", "https://acme.example/icon.png", "docs_url", "https://acme.example/docs", "api", api, "auth", List.of(auth)), key);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(put("/v1/connectors/" + slug + "/settings", Map.of("client_id", "cid", "client_secret", "client-secret-value"), key)
                .status()).isEqualTo(200);
    }

    /** An account with a connection to {@code connector} whose token expires in 30 s (inside the refresh margin). */
    private String expiringConnection(String connector) {
        String account = "traced-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);
        Reply imported = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", connector,
                "credentials", Map.of("access_token", "at-old-secret", "refresh_token", "rt-old-secret",
                        "expires_at", Instant.now().plusSeconds(30).toString())), key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        return account;
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never the all-zero (invalid) id
        return HexFormat.of().formatHex(random);
    }

    private OtlpReceiver.Received span(Predicate<OtlpReceiver.Received> wanted, String what) {
        return receiver.await(wanted, tracing::flush, WAIT).orElseThrow(() -> new AssertionError(
                "no span " + what + " among " + receiver.spans()));
    }

    private Reply proxy(String connector, String account, String requestId, Map<String, String> headers) {
        var request = HttpRequest.GET("/v1/proxy/" + connector + "/contacts?email=someone%40example.com")
                .header("X-Linked-Account-Id", account).header("X-Request-Id", requestId);
        headers.forEach(request::header);
        return call(request, key);
    }

    @Test
    void a_proxied_call_is_a_trace_under_the_callers_traceparent_with_its_refresh_and_provider_call_as_children() {
        String account = expiringConnection("acme-traced");
        String callerTrace = hex(16);
        String callerSpan = hex(8);

        Reply reply = proxy("acme-traced", account, "trace-req-1", Map.of("traceparent", "00-" + callerTrace + "-" + callerSpan + "-01"));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        OtlpReceiver.Received proxied = span(s -> s.kind() == SpanKind.SPAN_KIND_SERVER && s.traceId().equals(callerTrace),
                "for the proxied call");
        assertThat(proxied.parentSpanId()).isEqualTo(callerSpan);
        assertThat(proxied.service()).isEqualTo("latchkey");
        assertThat(proxied.name()).isEqualTo("GET /v1/proxy/{connector}/{path}");
        assertThat(proxied.attributes()).containsEntry("latchkey.request_id", "trace-req-1").containsEntry("latchkey.connector", "acme-traced")
                .containsEntry("http.response.status_code", "200").containsKey("latchkey.connection_id");

        OtlpReceiver.Received refresh = span(s -> s.name().equals("refresh") && s.traceId().equals(callerTrace), "for the refresh");
        assertThat(refresh.parentSpanId()).isEqualTo(proxied.spanId());
        assertThat(refresh.attributes()).containsEntry("latchkey.request_id", "trace-req-1").containsEntry("latchkey.connector", "acme-traced");

        OtlpReceiver.Received providerCall = span(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT && s.traceId().equals(callerTrace),
                "for the call to the provider");
        assertThat(providerCall.parentSpanId()).isEqualTo(proxied.spanId());
        assertThat(providerCall.attributes()).containsEntry("http.response.status_code", "200");

        // The provider was told the provider call's context: the caller's trace, the provider call as the parent.
        List<LoggedRequest> sent = provider.findAll(getRequestedFor(urlPathEqualTo("/acme-traced/contacts"))
                .withHeader("X-Request-Id", WireMock.equalTo("trace-req-1")));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("traceparent")).isEqualTo("00-" + callerTrace + "-" + providerCall.spanId() + "-01");

        assertNoSecretIn(receiver.spans());
    }

    @Test
    void a_connector_that_does_not_allow_it_sends_its_provider_no_trace_context_not_even_the_callers() {
        String account = expiringConnection("acme-quiet");
        String callerTrace = hex(16);

        Reply reply = proxy("acme-quiet", account, "quiet-req-1", Map.of("traceparent", "00-" + callerTrace + "-" + hex(8) + "-01",
                "tracestate", "vendor=caller-state"));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        OtlpReceiver.Received proxied = span(s -> s.kind() == SpanKind.SPAN_KIND_SERVER && s.traceId().equals(callerTrace),
                "for the proxied call");
        OtlpReceiver.Received providerCall = span(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT && s.traceId().equals(callerTrace),
                "for the call to the provider");
        assertThat(providerCall.parentSpanId()).isEqualTo(proxied.spanId());
        assertThat(providerCall.attributes()).containsEntry("latchkey.trace_propagated", "false");

        List<LoggedRequest> sent = provider.findAll(getRequestedFor(urlPathEqualTo("/acme-quiet/contacts"))
                .withHeader("X-Request-Id", WireMock.equalTo("quiet-req-1")));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).containsHeader("traceparent")).as("traceparent sent").isFalse();
        assertThat(sent.get(0).containsHeader("tracestate")).as("tracestate sent").isFalse();
        assertNoSecretIn(receiver.spans());
    }

    @Test
    void an_api_request_is_a_span_named_by_its_route_under_the_callers_traceparent() {
        String account = expiringConnection("acme-quiet");
        String callerTrace = hex(16);
        String callerSpan = hex(8);

        Reply reply = call(HttpRequest.GET("/v1/linked-accounts/" + account).header("traceparent", "00-" + callerTrace + "-" + callerSpan + "-01")
                .header("X-Request-Id", "api-req-1"), key);

        assertThat(reply.status()).isEqualTo(200);
        OtlpReceiver.Received request = span(s -> s.traceId().equals(callerTrace), "for the API request");
        assertThat(request.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
        assertThat(request.parentSpanId()).isEqualTo(callerSpan);
        assertThat(request.name()).isEqualTo("GET /v1/linked-accounts/{id}");
        assertThat(request.attributes()).containsEntry("http.route", "/v1/linked-accounts/{id}")
                .containsEntry("http.response.status_code", "200").containsEntry("latchkey.request_id", "api-req-1");
        assertThat(request.attributes().values()).noneMatch(value -> value.contains(account));
    }

    @Test
    void the_json_log_line_written_while_a_request_runs_names_its_trace_id_next_to_its_request_id() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LogProbeController.LOG;
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO); // the tests' logback-test.xml keeps only warnings
        String callerTrace = hex(16);
        try {
            Reply reply = call(HttpRequest.GET("/v1/test-log-probe").header("traceparent", "00-" + callerTrace + "-" + hex(8) + "-01")
                    .header("X-Request-Id", "log-req-1"), key);
            assertThat(reply.status()).isEqualTo(200);
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(level);
        }

        assertThat(lines.list).hasSize(1);
        LogstashEncoder json = new LogstashEncoder();
        json.start();
        String line = new String(json.encode(lines.list.get(0)), StandardCharsets.UTF_8);
        assertThat(line).contains("\"trace_id\":\"" + callerTrace + "\"").contains("\"request_id\":\"log-req-1\"");
        OtlpReceiver.Received request = span(s -> s.traceId().equals(callerTrace), "for the logged request");
        assertThat(request.attributes()).containsEntry("latchkey.request_id", "log-req-1");
    }

    @Test
    void a_webhook_delivery_attempt_is_a_span_of_its_own_trace_that_says_the_endpoints_status() {
        provider.stubFor(WireMock.post(urlPathEqualTo("/hooks/traced")).willReturn(aResponse().withStatus(204)));
        String hooks = newWorkspaceKey();
        Reply created = post("/v1/webhooks", Map.of("url", provider.baseUrl() + "/hooks/traced", "events", List.of("linked_account.deleted")),
                hooks);
        assertThat(created.status()).as(created.text()).isEqualTo(201);

        assertThat(post("/v1/linked-accounts", Map.of("id", "hooked-1"), hooks).status()).isEqualTo(201);
        assertThat(delete("/v1/linked-accounts/hooked-1", hooks).status()).isEqualTo(204);

        OtlpReceiver.Received delivery = span(s -> s.name().equals("webhook delivery")
                && "linked_account.deleted".equals(s.attributes().get("latchkey.event_type")), "for the delivery attempt");
        assertThat(delivery.parentSpanId()).as("a background attempt starts its own trace").isEmpty();
        assertThat(delivery.attributes()).containsEntry("http.response.status_code", "204").containsEntry("latchkey.attempt", "1");
        assertThat(delivery.error()).isFalse();
        assertThat(delivery.attributes().toString()).doesNotContain("whsec_").doesNotContain("/hooks/traced");
    }

    @Test
    void the_providers_time_of_a_proxied_call_is_a_histogram_of_its_own() {
        String account = expiringConnection("acme-quiet");

        assertThat(proxy("acme-quiet", account, "timed-req-1", Map.of()).status()).isEqualTo(200);

        String scrape = get("/metrics", ADMIN_TOKEN).text();
        assertThat(scrape).containsPattern("latchkey_provider_duration_seconds_count\\{connector=\"private\",status_class=\"2xx\"} [1-9]");
    }

    /** No span says anything secret: no token, client secret, API key, or query value. */
    private void assertNoSecretIn(List<OtlpReceiver.Received> spans) {
        assertThat(spans).isNotEmpty();
        String all = spans.toString();
        assertThat(all).doesNotContain("secret").doesNotContain(key).doesNotContain("someone").doesNotContain("example.com")
                .doesNotContain("email=");
    }
}
