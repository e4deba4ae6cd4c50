package dev.latchkey.generated;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.client.LatchkeyProcess;
import dev.latchkey.generated.api.AppsApi;
import dev.latchkey.generated.api.ConnectionsApi;
import dev.latchkey.generated.api.ConnectorsApi;
import dev.latchkey.generated.api.LinkedAccountsApi;
import dev.latchkey.generated.api.PortalApi;
import dev.latchkey.generated.api.ProxyApi;
import dev.latchkey.generated.api.SessionApi;
import dev.latchkey.generated.api.SessionTokensApi;
import dev.latchkey.generated.api.WebhooksApi;
import dev.latchkey.generated.model.AccessToken;
import dev.latchkey.generated.model.ConnectInput;
import dev.latchkey.generated.model.ConnectLink;
import dev.latchkey.generated.model.ConnectLinkRequest;
import dev.latchkey.generated.model.ConnectResult;
import dev.latchkey.generated.model.Connection;
import dev.latchkey.generated.model.Connector;
import dev.latchkey.generated.model.ConnectorAuthMethod;
import dev.latchkey.generated.model.ConnectorDefinitionInput;
import dev.latchkey.generated.model.ConnectorHttpApi;
import dev.latchkey.generated.model.CreateWebhookInput;
import dev.latchkey.generated.model.ImportConnectionInput;
import dev.latchkey.generated.model.ImportCredentials;
import dev.latchkey.generated.model.LinkedAccount;
import dev.latchkey.generated.model.LinkedAccountReplacement;
import dev.latchkey.generated.model.NewLinkedAccount;
import dev.latchkey.generated.model.Problem;
import dev.latchkey.generated.model.SessionResponse;
import dev.latchkey.generated.model.SessionToken;
import dev.latchkey.generated.model.SessionTokenInput;
import dev.latchkey.generated.model.Webhook;
import dev.latchkey.generated.model.WebhookDelivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's walkthrough with nothing but the client openapi-generator made from {@code sdk/openapi.yml}
 * (library {@code native}: java.net.http and Jackson), against the packaged latchkey.jar: if the document
 * were wrong — a body, a status, a parameter, a name — a step here would fail to compile or to run.
 * The only hand-written HTTP is the stub provider behind the proxy and the webhook receiver.
 */
class GeneratedClientWalkthroughIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path work;

    private static LatchkeyProcess server;
    private static HttpServer provider;
    private static HttpServer receiver;

    @BeforeAll
    static void start() throws Exception {
        server = LatchkeyProcess.start(work);
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/api", GeneratedClientWalkthroughIT::echo);
        provider.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
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

    /** The stub provider: answers what it received, as JSON. */
    private static void echo(HttpExchange exchange) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("method", exchange.getRequestMethod());
        answer.put("path", exchange.getRequestURI().getRawPath());
        answer.put("api_key", exchange.getRequestHeaders().getFirst("X-Api-Key"));
        answer.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] bytes = MAPPER.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A generated client with a bearer credential: the document's security schemes are all HTTP bearer. */
    private static ApiClient client(String bearer) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.url);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearer));
        return client;
    }

    private static Problem problem(ApiException e) throws IOException {
        return new JSON().getMapper().readValue(e.getResponseBody(), Problem.class);
    }

    private static Map<?, ?> map(Object json) {
        assertThat(json).isInstanceOf(Map.class);
        return (Map<?, ?>) json;
    }

    @Test
    void the_readme_walkthrough_runs_with_the_generated_client() throws Exception {
        ApiClient backend = client(server.apiKey);
        LinkedAccountsApi accounts = new LinkedAccountsApi(backend);

        // 1. Create a linked account for your customer, under your own id for it.
        LinkedAccount created = accounts.createLinkedAccount(new NewLinkedAccount().id("cust-42").name("Acme Inc")
                .metadata(Map.of("plan", "pro")), UUID.randomUUID().toString());
        assertThat(created.getId()).isEqualTo("cust-42");
        assertThat(created.getMetadata()).containsEntry("plan", "pro");
        assertThat(created.getCreatedAt()).isBefore(OffsetDateTime.now().plusMinutes(1));
        ApiException taken = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> accounts.createLinkedAccount(new NewLinkedAccount().id("cust-42"), null));
        assertThat(taken.getCode()).isEqualTo(409);
        assertThat(problem(taken).getCode()).isEqualTo("linked_account_exists");

        // 2. Mint a session token for that customer (10 minutes) and hand it to your frontend.
        SessionToken session = new SessionTokensApi(backend).mintSessionToken(new SessionTokenInput().linkedAccountId("cust-42").ttlSeconds(600L), null);
        assertThat(session.getLinkedAccountId()).isEqualTo("cust-42");
        assertThat(session.getExpiresAt().toInstant()).isBetween(Instant.now().plusSeconds(500), Instant.now().plusSeconds(700));

        // 3. Your frontend calls Latchkey with the session token: it reaches this customer only.
        ApiClient frontend = client(session.getToken());
        SessionResponse current = new SessionApi(frontend).getSession();
        assertThat(current.getLinkedAccountId()).isEqualTo("cust-42");
        assertThat(current.getExpiresAt()).isEqualTo(session.getExpiresAt());
        ApiException forbidden = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> new LinkedAccountsApi(frontend).getLinkedAccount("cust-42"));
        assertThat(forbidden.getCode()).isEqualTo(403);
        assertThat(problem(forbidden).getCode()).isEqualTo("forbidden_for_session_token");
    }

    @Test
    void the_java_quickstart_and_the_backend_calls_run_with_the_generated_client() throws Exception {
        ApiClient backend = client(server.apiKey);
        String providerUrl = "http://127.0.0.1:" + provider.getAddress().getPort() + "/api";
        // A private connector on the stub provider, signed with an API key header: the connector file's shape.
        Connector local = new ConnectorsApi(backend).createConnector(new ConnectorDefinitionInput().slug("local").name("Local")
                .categories(List.of("test")).iconUrl("https://example.com/i.png").docsUrl("https://example.com/d")
                .api(new ConnectorHttpApi().baseUrl(providerUrl))
                .auth(List.of(new ConnectorAuthMethod().type("api_key").putAdditionalProperty("name", "X-Api-Key")
                        .putAdditionalProperty("fields", List.of(Map.of("name", "api_key", "label", "Key", "secret", true))))), null);
        assertThat(local.getBuiltIn()).isFalse();
        assertThat(local.getAuthTypes()).singleElement().satisfies(auth -> assertThat(auth.getFields()).singleElement()
                .satisfies(field -> assertThat(field.getName()).isEqualTo("api_key")));

        Webhook webhook = new WebhooksApi(backend).createWebhook(new CreateWebhookInput()
                .url("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks").events(List.of("connection.created")), null);
        assertThat(webhook.getSecret()).startsWith("whsec_");

        // The quickstart: one linked account per customer, a session token, a connect link.
        LinkedAccount account = new LinkedAccountsApi(backend).upsertLinkedAccount("cust-7",
                new LinkedAccountReplacement().name("Acme Inc").metadata(Map.of("plan", "pro")));
        assertThat(account.getName()).isEqualTo("Acme Inc");
        SessionToken session = new SessionTokensApi(backend).mintSessionToken(new SessionTokenInput().linkedAccountId("cust-7").ttlSeconds(600L), null);
        ConnectLink link = new PortalApi(backend).createConnectLink(new ConnectLinkRequest().linkedAccountId("cust-7").connectors(List.of("local")),
                UUID.randomUUID().toString());
        assertThat(URI.create(link.getUrl()).getPath()).startsWith("/connect/");
        assertThat(link.getExpiresAt().toInstant()).isAfter(Instant.now());
        ApiException nobody = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> new PortalApi(backend).createConnectLink(new ConnectLinkRequest().linkedAccountId("nobody"), null));
        assertThat(nobody.getCode()).isEqualTo(404);
        assertThat(problem(nobody).getCode()).isEqualTo("linked_account_not_found");

        // The customer connects the API-key app from your frontend, with the session token.
        ConnectResult connected = new AppsApi(client(session.getToken())).connectApp("local",
                new ConnectInput().credentials(Map.of("api_key", "k-7")));
        assertThat(connected.getType()).isEqualTo(ConnectResult.TypeEnum.CONNECTED);
        assertThat(connected.getAuthorizationUrl()).isNull();
        Connection connection = connected.getConnection();
        assertThat(connection.getConnector()).isEqualTo("local");
        assertThat(connection.getStatus()).isEqualTo(Connection.StatusEnum.ACTIVE);

        // Your backend reads the customer's connections and calls the provider through the proxy.
        ConnectionsApi connections = new ConnectionsApi(backend);
        assertThat(connections.listConnections("cust-7").getData()).extracting(Connection::getId).containsExactly(connection.getId());
        assertThat(connections.getConnection("cust-7", connection.getId())).isEqualTo(connection);
        Map<?, ?> me = map(new ProxyApi(backend).proxyGet("local", "me", "cust-7", connection.getId(), null, null));
        assertThat(me.get("method")).isEqualTo("GET");
        assertThat(me.get("path")).isEqualTo("/api/me");
        assertThat(me.get("api_key")).isEqualTo("k-7");
        Map<?, ?> posted = map(new ProxyApi(backend).proxyPost("local", "contacts", "cust-7", null, null, null, Map.of("name", "Ada")));
        assertThat(posted.get("body")).isEqualTo("{\"name\":\"Ada\"}");
        ApiException noToken = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> connections.getAccessToken("cust-7", connection.getId(), null, null));
        assertThat(noToken.getCode()).isEqualTo(409);
        assertThat(problem(noToken).getCode()).isEqualTo("no_access_token");

        // OAuth tokens you already hold are imported, and a fresh access token is handed out for the provider's own SDK.
        OffsetDateTime expiry = OffsetDateTime.now(ZoneOffset.UTC).plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        Connection hubspot = connections.importConnection("cust-7", new ImportConnectionInput().connector("hubspot")
                .credentials(new ImportCredentials().accessToken("at-1").refreshToken("rt-1").expiresAt(expiry)
                        .scope("crm.objects.contacts.read")), UUID.randomUUID().toString());
        assertThat(hubspot.getScopes()).containsExactly("crm.objects.contacts.read");
        AccessToken token = connections.getAccessToken("cust-7", hubspot.getId(), null, null);
        assertThat(token.getAccessToken()).isEqualTo("at-1");
        assertThat(token.getExpiresAt().toInstant()).isEqualTo(expiry.toInstant());
        assertThat(token.getConnectionId()).isEqualTo(hubspot.getId());

        // The webhook endpoint heard of the connection (a delivery per event; the receiver answers 204).
        WebhooksApi webhooks = new WebhooksApi(backend);
        Optional<WebhookDelivery> delivery = Optional.empty();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (delivery.isEmpty() && System.nanoTime() < deadline) {
            delivery = webhooks.listWebhookDeliveries(webhook.getId()).getData().stream()
                    .filter(d -> d.getStatus() == WebhookDelivery.StatusEnum.DELIVERED).findFirst();
            if (delivery.isEmpty()) {
                Thread.sleep(500);
            }
        }
        assertThat(delivery).as("a connection.created delivery was delivered within 90 s").hasValueSatisfying(d -> {
            assertThat(d.getType()).isEqualTo("connection.created");
            assertThat(d.getLastResponseCode()).isEqualTo(204);
        });
        assertThat(webhooks.listWebhooks().getData()).singleElement().satisfies(listed -> assertThat(listed.getSecret()).isNull());

        // Disconnecting and deleting leave nothing behind.
        connections.deleteConnection("cust-7", connection.getId());
        webhooks.deleteWebhook(webhook.getId());
        new LinkedAccountsApi(backend).deleteLinkedAccount("cust-7");
        assertThatThrownBy(() -> new LinkedAccountsApi(backend).getLinkedAccount("cust-7"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }
}
