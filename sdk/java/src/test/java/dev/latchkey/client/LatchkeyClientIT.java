package dev.latchkey.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import example.Quickstart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SDK against the packaged latchkey.jar, started once for the class: every resource, the
 * problems, paging, the proxy to a stub provider, access tokens, and a real webhook delivery
 * verified with {@link WebhookVerifier}; and the README's quickstart, run as written.
 */
class LatchkeyClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static LatchkeyProcess server;
    private static HttpServer provider;
    private static HttpServer receiver;
    private static final BlockingQueue<Delivered> deliveries = new LinkedBlockingQueue<>();
    private static Latchkey latchkey;

    /** A webhook request as it arrived: its headers and raw body. */
    private record Delivered(Map<String, List<String>> headers, byte[] body) {
    }

    @BeforeAll
    static void start() throws Exception {
        server = LatchkeyProcess.start(work);
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/api", LatchkeyClientIT::echo);
        provider.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            deliveries.add(new Delivered(new LinkedHashMap<>(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        latchkey = Latchkey.builder(server.url, server.apiKey).build();
        latchkey.connectors().define(localConnector("http://127.0.0.1:" + provider.getAddress().getPort() + "/api"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (provider != null) {
            provider.stop(0);
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (server != null) {
            server.close();
        }
    }

    /** A private connector on the stub provider, signed with an API key header. */
    private static Map<String, Object> localConnector(String baseUrl) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("slug", "local");
        definition.put("name", "Local");
        definition.put("categories", List.of("test"));
        definition.put("icon_url", "https://example.com/i.png");
        definition.put("docs_url", "https://example.com/d");
        definition.put("api", Map.of("base_url", baseUrl));
        definition.put("auth", List.of(Map.of("type", "api_key", "name", "X-Api-Key",
                "fields", List.of(Map.of("name", "api_key", "label", "Key", "secret", true)))));
        return definition;
    }

    /** The stub provider: answers what it received, as JSON, with a header of its own. */
    private static void echo(HttpExchange exchange) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("method", exchange.getRequestMethod());
        answer.put("path", exchange.getRequestURI().getRawPath());
        answer.put("query", exchange.getRequestURI().getRawQuery());
        answer.put("api_key", exchange.getRequestHeaders().getFirst("X-Api-Key"));
        answer.put("content_type", exchange.getRequestHeaders().getFirst("Content-Type"));
        answer.put("custom", exchange.getRequestHeaders().getFirst("X-Custom"));
        answer.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] bytes = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Provider", "stub");
        int status = exchange.getRequestURI().getPath().endsWith("/created") ? 201 : 200;
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static Connection connectLocal(String account, String key, String identifier) {
        return latchkey.connections().importCredentials(account,
                ImportConnectionRequest.keys("local", Map.of("api_key", key)).identifier(identifier));
    }

    private static JsonNode json(ProxyResponse response) throws IOException {
        return JSON.readTree(response.bodyAsString());
    }

    /**
     * A relay to Latchkey that loses the answer of the first create it forwards: Latchkey made it, the
     * SDK sees a 503 and retries with the same Idempotency-Key. Records each POST's key and the lost answer.
     */
    private static final class LossyRelay implements AutoCloseable {
        private final HttpServer relay;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final AtomicBoolean lost = new AtomicBoolean();
        final List<String> postKeys = new CopyOnWriteArrayList<>();
        volatile String lostAnswer;

        LossyRelay() throws IOException {
            relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            relay.createContext("/", this::forward);
            relay.start();
        }

        String url() {
            return "http://127.0.0.1:" + relay.getAddress().getPort();
        }

        private void forward(HttpExchange exchange) throws IOException {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key")) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    request.header(name, value);
                }
            }
            if (exchange.getRequestMethod().equals("POST")) {
                postKeys.add(String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            }
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (exchange.getRequestMethod().equals("POST") && lost.compareAndSet(false, true)) {
                lostAnswer = answer.statusCode() + " " + new String(answer.body(), StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Retry-After", "0");
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            answer.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
            exchange.close();
        }

        @Override
        public void close() {
            relay.stop(0);
        }
    }

    @Test
    void a_create_retried_after_its_answer_was_lost_returns_the_first_creation() throws Exception {
        try (LossyRelay relay = new LossyRelay()) {
            Latchkey throughRelay = Latchkey.builder(relay.url(), server.apiKey).waits(duration -> { }, Clock.systemUTC()).build();

            LinkedAccount created = throughRelay.linkedAccounts().create("retried-1", "Retried", Map.of("plan", "pro"));

            assertThat(relay.lostAnswer).startsWith("201 ").contains("\"retried-1\"");
            assertThat(relay.postKeys).hasSize(2).doesNotContainNull().containsOnly(relay.postKeys.get(0));
            assertThat(created.id()).isEqualTo("retried-1");
            assertThat(created.name()).isEqualTo("Retried");
            assertThat(latchkey.linkedAccounts().get("retried-1").createdAt()).isEqualTo(created.createdAt());
        }
        try (LossyRelay relay = new LossyRelay()) {
            Latchkey throughRelay = Latchkey.builder(relay.url(), server.apiKey).waits(duration -> { }, Clock.systemUTC()).build();

            SessionToken minted = throughRelay.sessionTokens().mint("retried-1");

            assertThat(relay.lostAnswer).startsWith("201 ").contains(minted.token());
        }
    }

    @Test
    void a_linked_account_is_created_read_changed_replaced_and_deleted() {
        LinkedAccount created = latchkey.linkedAccounts().create("crud-1", "Acme Inc", Map.of("plan", "pro", "seats", 12));
        assertThat(created.id()).isEqualTo("crud-1");
        assertThat(created.metadata()).containsEntry("plan", "pro").containsEntry("seats", 12);
        assertThat(created.createdAt()).isBefore(Instant.now().plusSeconds(60));

        assertThat(latchkey.linkedAccounts().get("crud-1")).isEqualTo(created);
        LinkedAccount renamed = latchkey.linkedAccounts().update("crud-1", LinkedAccountChanges.name("Acme GmbH"));
        assertThat(renamed.name()).isEqualTo("Acme GmbH");
        assertThat(renamed.metadata()).isEqualTo(created.metadata());
        LinkedAccount cleared = latchkey.linkedAccounts().update("crud-1", LinkedAccountChanges.clearName().metadata(Map.of("plan", "free")));
        assertThat(cleared.name()).isNull();
        assertThat(cleared.metadata()).isEqualTo(Map.of("plan", "free"));
        assertThat(latchkey.linkedAccounts().upsert("crud-1", "Replaced", null).name()).isEqualTo("Replaced");
        assertThat(latchkey.linkedAccounts().upsert("crud-2", null, null).id()).isEqualTo("crud-2");

        latchkey.linkedAccounts().delete("crud-1");
        assertThatThrownBy(() -> latchkey.linkedAccounts().get("crud-1")).isInstanceOfSatisfying(LatchkeyException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).isEqualTo("linked_account_not_found");
            assertThat(e.getMessage()).contains("crud-1");
        });
    }

    @Test
    void a_taken_id_is_a_409_and_bad_fields_are_a_400_with_every_field_error() {
        latchkey.linkedAccounts().create("taken");
        assertThatThrownBy(() -> latchkey.linkedAccounts().create("taken")).isInstanceOfSatisfying(LatchkeyException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("linked_account_exists");
        });

        assertThatThrownBy(() -> latchkey.sessionTokens().mint("not an id!", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(LatchkeyException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("validation_failed");
                    assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactlyInAnyOrder("linked_account_id", "ttl_seconds");
                    assertThat(e.fieldErrors()).allSatisfy(error -> assertThat(error.message()).isNotBlank());
                });
    }

    @Test
    void a_list_longer_than_a_page_is_iterated_over_every_page_in_id_order() {
        List<String> ids = List.of("page-a", "page-b", "page-c", "page-d", "page-e");
        ids.forEach(id -> latchkey.linkedAccounts().create(id));
        latchkey.linkedAccounts().create("other-page");

        Page<LinkedAccount> first = latchkey.linkedAccounts().page(2, null, "page-");
        assertThat(first.data()).hasSize(2);
        assertThat(first.next()).isPresent();

        List<String> seen = new ArrayList<>();
        latchkey.linkedAccounts().list("page-", 2).forEach(account -> seen.add(account.id()));
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(latchkey.linkedAccounts().list("page-", 2).stream().limit(3).map(LinkedAccount::id)).containsExactly("page-a", "page-b", "page-c");
        assertThat(latchkey.linkedAccounts().list().toList()).extracting(LinkedAccount::id).contains("other-page").containsAll(ids);
    }

    @Test
    void a_session_token_is_minted_for_the_frontend_and_revoked() {
        latchkey.linkedAccounts().create("session-1");

        SessionToken token = latchkey.sessionTokens().mint("session-1", Duration.ofMinutes(10));

        assertThat(token.linkedAccountId()).isEqualTo("session-1");
        assertThat(token.token()).isNotBlank();
        assertThat(token.expiresAt()).isBetween(Instant.now().plusSeconds(500), Instant.now().plusSeconds(700));
        latchkey.sessionTokens().revoke(token.token());
        latchkey.sessionTokens().revoke(token.token());
        assertThatThrownBy(() -> latchkey.sessionTokens().mint("nobody")).isInstanceOfSatisfying(LatchkeyException.class,
                e -> assertThat(e.code()).isEqualTo("linked_account_not_found"));
    }

    @Test
    void a_connect_link_leads_to_the_hosted_portal() {
        latchkey.linkedAccounts().create("link-1");

        ConnectLink link = latchkey.connectLinks().create(ConnectLinkRequest.forAccount("link-1").connectors("local")
                .expiresIn(Duration.ofMinutes(5)).branding(Map.of("primary_color", "#7a1fa2")));

        assertThat(link.url().getPath()).startsWith("/connect/");
        assertThat(link.url().getPort()).isEqualTo(java.net.URI.create(server.url).getPort());
        assertThat(link.expiresAt()).isBetween(Instant.now().plusSeconds(200), Instant.now().plusSeconds(400));
        assertThatThrownBy(() -> latchkey.connectLinks().create(ConnectLinkRequest.forAccount("link-1").expiresIn(Duration.ofSeconds(1))))
                .isInstanceOfSatisfying(LatchkeyException.class, e -> assertThat(e.fieldErrors()).extracting(FieldError::field)
                        .contains("expires_in"));
    }

    @Test
    void connectors_are_listed_read_and_configured() {
        List<Connector> catalog = latchkey.connectors().list().toList();
        assertThat(catalog).extracting(Connector::slug).contains("hubspot", "stripe", "local");

        Connector hubspot = latchkey.connectors().get("hubspot");
        assertThat(hubspot.builtIn()).isTrue();
        assertThat(hubspot.authTypes()).extracting(Connector.AuthType::type).contains("oauth2");
        assertThat(hubspot.authTypes()).filteredOn(a -> a.type().equals("oauth2")).singleElement()
                .satisfies(a -> assertThat(a.label()).isEqualTo("OAuth 2.0"))
                .satisfies(a -> assertThat(a.callbackParameters()).containsExactly("code"));
        assertThat(hubspot.redirectUri()).endsWith("/oauth/callback");

        Connector configured = latchkey.connectors().configure("hubspot",
                ConnectorSettings.oauthApp("client-1", "client-secret-1").scopes(List.of("crm.objects.contacts.read")));
        assertThat(configured.settings().clientId()).isEqualTo("client-1");
        assertThat(configured.settings().clientSecretSet()).isTrue();
        assertThat(configured.settings().scopes()).containsExactly("crm.objects.contacts.read");

        Connector local = latchkey.connectors().get("local");
        assertThat(local.builtIn()).isFalse();
        assertThat(local.authTypes().get(0).fields()).extracting(Connector.Field::name).containsExactly("api_key");
        assertThatThrownBy(() -> latchkey.connectors().get("no-such-app")).isInstanceOfSatisfying(LatchkeyException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void the_proxy_signs_each_method_and_returns_the_providers_status_headers_and_body() throws Exception {
        latchkey.linkedAccounts().create("proxy-1");
        Connection connection = connectLocal("proxy-1", "k-1", "ops@acme.com");
        Proxy proxy = latchkey.proxy("local", "proxy-1").header("X-Custom", "yes");

        try (ProxyResponse get = proxy.get("/contacts?limit=10")) {
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.header("X-Provider")).contains("stub");
            assertThat(get.connectionId()).isEqualTo(connection.id());
            JsonNode echoed = json(get);
            assertThat(echoed.get("method").asText()).isEqualTo("GET");
            assertThat(echoed.get("path").asText()).isEqualTo("/api/contacts");
            assertThat(echoed.get("query").asText()).isEqualTo("limit=10");
            assertThat(echoed.get("api_key").asText()).isEqualTo("k-1");
            assertThat(echoed.get("custom").asText()).isEqualTo("yes");
        }
        try (ProxyResponse post = proxy.post("/created", "{\"name\":\"Ada\"}")) {
            assertThat(post.status()).isEqualTo(201);
            JsonNode echoed = json(post);
            assertThat(echoed.get("body").asText()).isEqualTo("{\"name\":\"Ada\"}");
            assertThat(echoed.get("content_type").asText()).isEqualTo("application/json");
        }
        for (String method : List.of("PUT", "PATCH")) {
            try (ProxyResponse response = method.equals("PUT") ? proxy.put("/contacts/1", "{\"a\":1}") : proxy.patch("/contacts/1", "{\"a\":1}")) {
                JsonNode echoed = json(response);
                assertThat(echoed.get("method").asText()).isEqualTo(method);
                assertThat(echoed.get("body").asText()).isEqualTo("{\"a\":1}");
            }
        }
        try (ProxyResponse delete = proxy.delete("/contacts/1")) {
            assertThat(json(delete).get("method").asText()).isEqualTo("DELETE");
        }
        try (ProxyResponse head = proxy.head("/contacts")) {
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("X-Provider")).contains("stub");
        }
        byte[] upload = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        try (ProxyResponse streamed = proxy.send("POST", "/upload", "text/plain",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(upload)))) {
            assertThat(json(streamed).get("body").asText()).hasSize(upload.length);
        }
    }

    @Test
    void with_two_connections_the_proxy_needs_the_connection_id_and_uses_the_one_given() throws Exception {
        latchkey.linkedAccounts().create("proxy-2");
        connectLocal("proxy-2", "k-one", "one@acme.com");
        Connection second = connectLocal("proxy-2", "k-two", "two@acme.com");

        assertThatThrownBy(() -> latchkey.proxy("local", "proxy-2").get("/me")).isInstanceOfSatisfying(LatchkeyException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("connection_ambiguous");
        });
        try (ProxyResponse me = latchkey.proxy("local", "proxy-2").connection(second.id()).get("/me")) {
            assertThat(json(me).get("api_key").asText()).isEqualTo("k-two");
            assertThat(me.connectionId()).isEqualTo(second.id());
        }
        assertThatThrownBy(() -> latchkey.proxy("local", "nobody").get("/me")).isInstanceOfSatisfying(LatchkeyException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void connections_are_imported_listed_read_and_deleted() {
        latchkey.linkedAccounts().create("conn-1");
        Connection imported = connectLocal("conn-1", "k-1", "ops@acme.com");
        assertThat(imported.connector()).isEqualTo("local");
        assertThat(imported.authType()).isEqualTo("api_key");
        assertThat(imported.isActive()).isTrue();
        assertThat(imported.identifier()).isEqualTo("ops@acme.com");

        assertThat(latchkey.connections().list("conn-1").toList()).containsExactly(imported);
        assertThat(latchkey.connections().get("conn-1", imported.id())).isEqualTo(imported);
        assertThatThrownBy(() -> latchkey.connections().accessToken("conn-1", imported.id())).isInstanceOfSatisfying(LatchkeyException.class,
                e -> assertThat(e.code()).isEqualTo("no_access_token"));

        latchkey.connections().delete("conn-1", imported.id());
        assertThat(latchkey.connections().list("conn-1")).isEmpty();
        assertThatThrownBy(() -> latchkey.connections().get("conn-1", imported.id())).isInstanceOfSatisfying(LatchkeyException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void an_imported_oauth_token_is_handed_out_while_it_is_fresh() {
        latchkey.linkedAccounts().create("token-1");
        Instant expiry = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Connection connection = latchkey.connections().importCredentials("token-1", ImportConnectionRequest.tokens("hubspot", "at-1")
                .refreshToken("rt-1").expiresAt(expiry).scopes(List.of("crm.objects.contacts.read")));

        AccessToken token = latchkey.connections().accessToken("token-1", connection.id());

        assertThat(token.accessToken()).isEqualTo("at-1");
        assertThat(token.expiresAt()).isEqualTo(expiry);
        assertThat(token.connectionId()).isEqualTo(connection.id());
        assertThat(connection.scopes()).containsExactly("crm.objects.contacts.read");
        assertThat(token.tokenId()).hasSize(43);

        // A 401 seen on a token that another caller has replaced already: the stored one comes back, no refresh.
        AccessToken replacedElsewhere = new AccessToken("old", null, "Bearer", connection.id(), "A".repeat(43));
        AccessToken current = latchkey.connections().refreshRejected("token-1", replacedElsewhere);
        assertThat(current.accessToken()).isEqualTo("at-1");
        assertThat(current.tokenId()).isEqualTo(token.tokenId());
        AccessToken malformed = new AccessToken("old", null, "Bearer", connection.id(), "not-a-token-id");
        assertThatThrownBy(() -> latchkey.connections().refreshRejected("token-1", malformed)).isInstanceOfSatisfying(LatchkeyException.class,
                e -> assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("rejected_token_id"));
    }

    @Test
    void a_delivered_webhook_verifies_with_its_secret_and_endpoints_are_managed() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        Webhook webhook = latchkey.webhooks().create(url, List.of("connection.created"));
        assertThat(webhook.secret()).startsWith("whsec_");
        assertThat(latchkey.webhooks().list().toList()).anySatisfy(listed -> {
            assertThat(listed.id()).isEqualTo(webhook.id());
            assertThat(listed.secret()).isNull();
        });
        try {
            latchkey.linkedAccounts().create("hooked-1");
            Connection connection = connectLocal("hooked-1", "k-1", "hooked@acme.com");

            WebhookVerifier verifier = new WebhookVerifier(webhook.secret());
            WebhookEvent event = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (event == null && System.nanoTime() < deadline) {
                Delivered delivered = deliveries.poll(5, TimeUnit.SECONDS);
                if (delivered != null) {
                    WebhookEvent verified = verifier.verify(delivered.headers(), delivered.body());
                    event = "hooked-1".equals(verified.linkedAccountId()) ? verified : null;
                    if (event != null) {
                        byte[] tampered = new String(delivered.body(), StandardCharsets.UTF_8).replace("hooked-1", "hooked-2")
                                .getBytes(StandardCharsets.UTF_8);
                        assertThatThrownBy(() -> verifier.verify(delivered.headers(), tampered)).isInstanceOf(WebhookVerificationException.class);
                    }
                }
            }
            assertThat(event).as("connection.created for hooked-1 was delivered within 90 s").isNotNull();
            assertThat(event.type()).isEqualTo("connection.created");
            assertThat(event.connectionId()).isEqualTo(connection.id());
            assertThat(event.connector()).isEqualTo("local");

            String eventId = event.id();
            WebhookDelivery delivery = latchkey.webhooks().deliveries(webhook.id()).stream()
                    .filter(d -> d.eventId().equals(eventId)).findFirst().orElseThrow();
            assertThat(delivery.type()).isEqualTo("connection.created");
            assertThat(latchkey.webhooks().redeliver(webhook.id(), delivery.id()).status()).isEqualTo("pending");

            Webhook rotated = latchkey.webhooks().rotateSecret(webhook.id());
            assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo(webhook.secret());
        } finally {
            latchkey.webhooks().delete(webhook.id());
        }
        assertThat(latchkey.webhooks().list().toList()).noneSatisfy(listed -> assertThat(listed.id()).isEqualTo(webhook.id()));
        assertThatThrownBy(() -> latchkey.webhooks().create("ftp://acme.com/hooks", List.of()))
                .isInstanceOfSatisfying(LatchkeyException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void the_workspace_settings_are_read_and_replaced() {
        WorkspaceSettings settings = latchkey.workspace().allowedOrigins(List.of("https://app.acme.com"));

        assertThat(settings.allowedOrigins()).containsExactly("https://app.acme.com");
        assertThat(latchkey.workspace().settings()).isEqualTo(settings);
    }

    @Test
    void a_wrong_api_key_is_refused_as_unauthorized() {
        Latchkey stranger = Latchkey.builder(server.url, "lk_test_" + "A".repeat(43)).build();

        assertThatThrownBy(() -> stranger.linkedAccounts().list().toList()).isInstanceOfSatisfying(LatchkeyException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("unauthorized");
        });
    }

    @Test
    void the_readme_quickstart_runs_as_written() throws Exception {
        latchkey.linkedAccounts().upsert("cust-42", null, null);
        connectLocal("cust-42", "k-42", "cust-42@acme.com");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        Object[] handedOut;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            handedOut = Quickstart.run(server.url, server.apiKey);
        } finally {
            System.setOut(original);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("local answered 200: ").contains("\"api_key\":\"k-42\"");
        assertThat(((SessionToken) handedOut[0]).linkedAccountId()).isEqualTo("cust-42");
        assertThat(((ConnectLink) handedOut[1]).url().getPath()).startsWith("/connect/");
        assertThat(latchkey.linkedAccounts().get("cust-42").name()).isEqualTo("Acme Inc");
    }
}
