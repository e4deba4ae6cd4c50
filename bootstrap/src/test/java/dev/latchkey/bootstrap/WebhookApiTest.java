package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.latchkey.application.port.in.CreateWebhookCommand;
import dev.latchkey.application.port.in.CreateWebhookUseCase;
import dev.latchkey.application.port.in.DispatchWebhooksUseCase;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Webhooks end to end: events from the connect flow, disconnect and account deletion reach a
 * receiver (WireMock) signed the Standard Webhooks way; retries follow the backoff on a clock the
 * test moves; a second instance on the same database picks up what the first left; the outbound
 * guard is applied at delivery time. The scheduled dispatcher is off: the test dispatches.
 */
@MicronautTest(transactional = false)
class WebhookApiTest extends ApiTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());
    private final MovableClock clock = new MovableClock(Instant.now());
    private Map<String, String> properties;

    @Inject
    DispatchWebhooksUseCase dispatcher;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            properties = new HashMap<>(super.getProperties());
            properties.put("latchkey.webhooks.dispatcher.enabled", "false");
        }
        return properties;
    }

    @BeforeAll
    void start() {
        receiver.start();
    }

    @AfterAll
    void stop() {
        receiver.stop();
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private String path(String name) {
        return "/hooks/" + name + "-" + NAMES.incrementAndGet();
    }

    private Reply createWebhook(String key, String path, List<String> events) {
        Reply created = post("/v1/webhooks", Map.of("url", receiver.baseUrl() + path, "events", events), key);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created;
    }

    private void stub(String path, int status) {
        receiver.stubFor(WireMock.post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
    }

    private List<LoggedRequest> received(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private void dispatchAll() {
        while (dispatcher.dispatchDue() > 0) {
            // until nothing is due
        }
    }

    private String newAccount(String key) {
        String id = "cust-" + UUID.randomUUID();
        assertThat(post("/v1/linked-accounts", Map.of("id", id), key).status()).isEqualTo(201);
        return id;
    }

    private Map<String, Object> parse(String body) throws Exception {
        return json.readValue(body, Argument.mapOf(String.class, Object.class));
    }

    /** The Standard Webhooks recipe, written here independently of the production code. */
    private static String expectedSignature(String secret, String id, String timestamp, String body) throws Exception {
        assertThat(secret).startsWith("whsec_");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private Connection database() throws Exception {
        return DriverManager.getConnection(properties.get("datasources.default.url"), properties.get("datasources.default.username"),
                properties.get("datasources.default.password"));
    }

    @Test
    void connect_disconnect_and_account_deletion_are_delivered_signed_and_without_secrets() throws Exception {
        String key = newWorkspaceKey();
        String hook = path("all");
        stub(hook, 204);
        receiver.stubFor(WireMock.get(urlEqualTo("/api/me")).withHeader("Authorization", equalTo("Bearer good-key-123"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"email\": \"ops@acme.example\"}")));
        Map<String, Object> auth = Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "API key", "secret", true)),
                "placement", "header", "name", "Authorization", "format", "Bearer {api_key}");
        Reply connector = post("/v1/connectors", Map.of("slug", "acme-keys", "name", "Acme Keys", "categories", List.of("support"),
                "icon_url", "https://acme.example/icon.png", "docs_url", "https://acme.example/docs",
                "api", Map.of("base_url", receiver.baseUrl() + "/api"), "auth", List.of(auth),
                "verify", Map.of("method", "GET", "path", "/me", "expect_status", 200),
                "identity", Map.of("method", "GET", "path", "/me", "pointer", "/email")), key);
        assertThat(connector.status()).as(connector.text()).isEqualTo(201);
        Reply created = createWebhook(key, hook, List.of("*"));
        String secret = (String) created.get("secret");
        assertThat(get("/v1/webhooks", key).text()).contains((String) created.get("id")).doesNotContain("whsec_").doesNotContain(secret);

        String account = newAccount(key);
        String session = (String) post("/v1/session-tokens", Map.of("linked_account_id", account), key).get("token");
        Reply connected = post("/v1/apps/acme-keys/connect", Map.of("credentials", Map.of("api_key", "good-key-123")), session);
        assertThat(connected.status()).as(connected.text()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        String connectionId = (String) ((Map<String, Object>) connected.get("connection")).get("id");
        assertThat(delete("/v1/linked-accounts/" + account + "/connections/" + connectionId, key).status()).isEqualTo(204);
        Reply second = post("/v1/apps/acme-keys/connect", Map.of("credentials", Map.of("api_key", "good-key-123")), session);
        assertThat(second.status()).isEqualTo(201);
        assertThat(delete("/v1/linked-accounts/" + account, key).status()).isEqualTo(204);

        dispatchAll();

        List<LoggedRequest> requests = received(hook);
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        for (LoggedRequest request : requests) {
            String body = request.getBodyAsString();
            String id = request.getHeader("webhook-id");
            String timestamp = request.getHeader("webhook-timestamp");
            assertThat(request.getHeader("webhook-signature")).isEqualTo(expectedSignature(secret, id, timestamp, body));
            assertThat(Long.parseLong(timestamp)).isEqualTo(clock.instant().getEpochSecond());
            assertThat(body).doesNotContain("good-key-123");
            Map<String, Object> event = parse(body);
            assertThat(event).containsOnlyKeys("id", "type", "created_at", "data").containsEntry("id", id);
            events.add(event);
        }
        assertThat(events).extracting(e -> e.get("type")).containsExactlyInAnyOrder("connection.created", "connection.deleted",
                "connection.created", "connection.deleted", "linked_account.deleted");
        // Deliveries may arrive in any order: pick the created event of the first connection by its id.
        Map<String, Object> first = events.stream().filter(e -> e.get("type").equals("connection.created")
                && ((Map<?, ?>) e.get("data")).get("connection_id").equals(connectionId)).findFirst().orElseThrow();
        assertThat(first.get("data")).isEqualTo(Map.of("linked_account_id", account, "connector", "acme-keys", "connection_id", connectionId,
                "auth_type", "api_key", "status", "active", "identifier", "ops@acme.example"));
        assertThat(events.stream().filter(e -> e.get("type").equals("linked_account.deleted")).findFirst().orElseThrow().get("data"))
                .isEqualTo(Map.of("linked_account_id", account));

        Reply deliveries = get("/v1/webhooks/" + created.get("id") + "/deliveries", key);
        assertThat(deliveries.list("data")).hasSize(5).allSatisfy(d -> assertThat(d).containsEntry("status", "delivered")
                .containsEntry("attempts", 1).containsEntry("last_response_code", 204).containsEntry("next_attempt_at", null));
    }

    @Test
    void a_receiver_that_fails_twice_gets_the_event_once_more_after_each_failure_with_backoff() {
        String key = newWorkspaceKey();
        String hook = path("flaky");
        receiver.stubFor(WireMock.post(urlEqualTo(hook)).inScenario(hook).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed once"));
        receiver.stubFor(WireMock.post(urlEqualTo(hook)).inScenario(hook).whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed twice"));
        receiver.stubFor(WireMock.post(urlEqualTo(hook)).inScenario(hook).whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(200)));
        String webhook = (String) createWebhook(key, hook, List.of("linked_account.deleted")).get("id");
        String account = newAccount(key);
        assertThat(delete("/v1/linked-accounts/" + account, key).status()).isEqualTo(204);

        dispatchAll();
        assertThat(received(hook)).hasSize(1);
        Map<String, Object> afterFirst = get("/v1/webhooks/" + webhook + "/deliveries", key).list("data").get(0);
        assertThat(afterFirst).containsEntry("status", "pending").containsEntry("attempts", 1).containsEntry("last_response_code", 500)
                .containsEntry("type", "linked_account.deleted");

        clock.advance(Duration.ofSeconds(29));
        dispatchAll();
        assertThat(received(hook)).as("not due before 30 s").hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        dispatchAll();
        assertThat(received(hook)).hasSize(2);

        clock.advance(Duration.ofSeconds(59));
        dispatchAll();
        assertThat(received(hook)).as("the second wait is 1 min").hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        dispatchAll();
        assertThat(received(hook)).hasSize(3);

        clock.advance(Duration.ofHours(3));
        dispatchAll();
        assertThat(received(hook)).as("delivered: never sent again").hasSize(3);
        assertThat(received(hook)).extracting(r -> r.getHeader("webhook-id")).containsOnly((String) afterFirst.get("event_id"));
        Map<String, Object> delivered = get("/v1/webhooks/" + webhook + "/deliveries", key).list("data").get(0);
        assertThat(delivered).containsEntry("status", "delivered").containsEntry("attempts", 3).containsEntry("last_response_code", 200);

        Reply again = post("/v1/webhooks/" + webhook + "/deliveries/" + delivered.get("id") + "/redeliver", key);
        assertThat(again.status()).as(again.text()).isEqualTo(202);
        assertThat(again.get("status")).isEqualTo("pending");
        dispatchAll();
        assertThat(received(hook)).hasSize(4).extracting(r -> r.getHeader("webhook-id")).containsOnly((String) afterFirst.get("event_id"));
    }

    @Test
    void a_delivery_left_in_backoff_is_delivered_by_another_instance_after_a_restart() throws Exception {
        String key = newWorkspaceKey();
        String hook = path("restart");
        receiver.stubFor(WireMock.post(urlEqualTo(hook)).inScenario(hook).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        receiver.stubFor(WireMock.post(urlEqualTo(hook)).inScenario(hook).whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));
        String webhook = (String) createWebhook(key, hook, List.of("linked_account.deleted")).get("id");
        assertThat(delete("/v1/linked-accounts/" + newAccount(key), key).status()).isEqualTo(204);
        dispatchAll();
        assertThat(received(hook)).hasSize(1);

        Map<String, Object> second = new HashMap<>(properties);
        try (ApplicationContext instanceB = ApplicationContext.run(second, "test")) {
            // Instance B runs on the real clock: make the retry due for it.
            try (Connection db = database();
                 PreparedStatement due = db.prepareStatement(
                         "UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 second' WHERE endpoint_id = ?")) {
                due.setObject(1, UUID.fromString(webhook));
                assertThat(due.executeUpdate()).isEqualTo(1);
            }
            DispatchWebhooksUseCase dispatcherB = instanceB.getBean(DispatchWebhooksUseCase.class);
            while (dispatcherB.dispatchDue() > 0) {
                // until nothing is due
            }
        }

        assertThat(received(hook)).hasSize(2);
        assertThat(received(hook).get(0).getHeader("webhook-id")).isEqualTo(received(hook).get(1).getHeader("webhook-id"));
        assertThat(get("/v1/webhooks/" + webhook + "/deliveries", key).list("data").get(0)).containsEntry("status", "delivered");
    }

    @Test
    void a_url_resolving_to_loopback_is_refused_at_delivery_time_when_private_networks_are_not_allowed() throws Exception {
        String key = newWorkspaceKey();
        // Registered while private networks were allowed; the operator has switched that off since.
        Reply created = post("/v1/webhooks", Map.of("url", "https://localhost:" + receiver.port() + "/hooks/private",
                "events", List.of("linked_account.deleted")), key);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String webhook = (String) created.get("id");
        assertThat(delete("/v1/linked-accounts/" + newAccount(key), key).status()).isEqualTo(204);

        Map<String, Object> strict = new HashMap<>(properties);
        strict.put("latchkey.allow-private-network", "false");
        try (ApplicationContext instanceB = ApplicationContext.run(strict, "test")) {
            try (Connection db = database();
                 PreparedStatement due = db.prepareStatement(
                         "UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 second' WHERE endpoint_id = ?")) {
                due.setObject(1, UUID.fromString(webhook));
                due.executeUpdate();
            }
            DispatchWebhooksUseCase dispatcherB = instanceB.getBean(DispatchWebhooksUseCase.class);
            while (dispatcherB.dispatchDue() > 0) {
                // until nothing is due
            }
            InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> instanceB.getBean(CreateWebhookUseCase.class)
                    .create(new CreateWebhookCommand(WorkspaceId.random(), "https://localhost/hook", List.of("*"))));
            assertThat(refused.violations().get(0).message()).contains("loopback");
        }

        assertThat(receiver.getAllServeEvents()).noneMatch(e -> e.getRequest().getUrl().equals("/hooks/private"));
        Map<String, Object> delivery = get("/v1/webhooks/" + webhook + "/deliveries", key).list("data").get(0);
        assertThat(delivery).containsEntry("status", "pending").containsEntry("attempts", 1).containsEntry("last_response_code", null);
        assertThat((String) delivery.get("last_error")).contains("loopback");
    }

    @Test
    void bad_input_is_named_and_another_workspace_s_webhook_is_not_found() {
        String key = newWorkspaceKey();
        String other = newWorkspaceKey();
        Reply bad = post("/v1/webhooks", Map.of("url", "ftp://example.com", "events", List.of("connection.nope")), key);
        assertProblem(bad, 400, "validation_failed");
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("url", "events");
        assertProblem(post("/v1/webhooks", Map.of("url", "https://example.com/hook"), key), 400, "validation_failed");
        assertProblem(post("/v1/webhooks", Map.of("url", "https://example.com/hook", "events", List.of()), key), 400, "validation_failed");

        String hook = path("tenancy");
        stub(hook, 200);
        String webhook = (String) createWebhook(key, hook, List.of("linked_account.deleted")).get("id");
        assertThat(delete("/v1/linked-accounts/" + newAccount(key), key).status()).isEqualTo(204);
        dispatchAll();
        String delivery = (String) get("/v1/webhooks/" + webhook + "/deliveries", key).list("data").get(0).get("id");

        assertThat(get("/v1/webhooks", other).list("data")).isEmpty();
        assertProblem(get("/v1/webhooks/" + webhook + "/deliveries", other), 404, "webhook_not_found");
        assertProblem(post("/v1/webhooks/" + webhook + "/rotate-secret", other), 404, "webhook_not_found");
        assertProblem(post("/v1/webhooks/" + webhook + "/deliveries/" + delivery + "/redeliver", other), 404, "webhook_not_found");
        assertProblem(delete("/v1/webhooks/" + webhook, other), 404, "webhook_not_found");
        assertProblem(post("/v1/webhooks/" + webhook + "/deliveries/" + UUID.randomUUID() + "/redeliver", key), 404,
                "webhook_delivery_not_found");

        Reply rotated = post("/v1/webhooks/" + webhook + "/rotate-secret", key);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat((String) rotated.get("secret")).startsWith("whsec_");
        assertThat(delete("/v1/webhooks/" + webhook, key).status()).isEqualTo(204);
        assertProblem(get("/v1/webhooks/" + webhook + "/deliveries", key), 404, "webhook_not_found");
    }
}
