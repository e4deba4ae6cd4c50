package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.latchkey.adapters.persistence.support.TestPostgres;
import dev.latchkey.application.port.in.CreateWorkspaceCommand;
import dev.latchkey.application.port.in.CreateWorkspaceUseCase;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.WorkspaceName;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDKs in a real browser: Latchkey (in-process, on an embedded PostgreSQL), a real OAuth2 server
 * (mock-oauth2-server) and a stub provider (WireMock); then {@code sdk/e2e/run.mjs} drives Debian's
 * Chromium through the example React app on another origin: OAuth in a popup, a closed popup, a key,
 * config with a validation error then fixed, disconnect. Needs the SDK built ({@code scripts/test}
 * does it first) and /usr/bin/chromium ({@code scripts/install-chromium}).
 */
class SdkBrowserIT {
    private static final Path SDK = Path.of("").toAbsolutePath().getParent().resolve("sdk");

    private final MockOAuth2Server oauth = new MockOAuth2Server();
    private final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedServer latchkey;
    private JsonMapper json;
    private String url;

    @BeforeEach
    void start() throws IOException {
        oauth.start();
        provider.start();
        int port = freePort();
        url = "http://localhost:" + port;
        Map<String, Object> properties = new HashMap<>(TestPostgres.freshDatabaseProperties());
        properties.put("micronaut.server.port", port);
        properties.put("latchkey.public-url", url);
        properties.put("latchkey.session-secret", ApiTest.SESSION_SECRET);
        properties.put("latchkey.encryption-keys", ApiTest.ENCRYPTION_KEYS);
        properties.put("latchkey.allow-private-network", "true");
        latchkey = ApplicationContext.run(EmbeddedServer.class, properties);
        json = latchkey.getApplicationContext().getBean(JsonMapper.class);

        provider.stubFor(WireMock.get(urlEqualTo("/api/me")).withHeader("Authorization", equalTo("Bearer good-key"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"email\": \"ops@acme.example\"}")));
        provider.stubFor(WireMock.get(urlEqualTo("/api/me")).withHeader("Authorization", equalTo("Bearer wrong-key"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\": \"Invalid API key\"}")));
        // A provider's sign-in page that waits for the customer (who closes the popup instead).
        provider.stubFor(WireMock.get(urlPathEqualTo("/authorize")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<!doctype html><title>Sign in</title><h1>Sign in to the provider</h1>")));
    }

    @AfterEach
    void stop() {
        if (latchkey != null) {
            latchkey.getApplicationContext().close();
        }
        oauth.shutdown();
        provider.stop();
    }

    @Test
    void the_example_app_connects_configures_and_disconnects_apps_in_chromium() throws Exception {
        int appPort = freePort();
        String key = latchkey.getApplicationContext().getBean(CreateWorkspaceUseCase.class)
                .create(new CreateWorkspaceCommand(new WorkspaceName("sdk-e2e"), Environment.TEST)).secret().reveal();
        send("PUT", "/v1/workspace/settings", key, Map.of("allowed_origins", List.of("http://localhost:" + appPort)));
        send("POST", "/v1/connectors", key, oauthConnector("acme-oauth", "Acme OAuth", oauth.authorizationEndpointUrl("acme").toString()));
        send("PUT", "/v1/connectors/acme-oauth/settings", key, Map.of("client_id", "latchkey-client", "client_secret", "s3cret"));
        send("POST", "/v1/connectors", key, oauthConnector("acme-pending", "Acme Pending", provider.baseUrl() + "/authorize"));
        send("PUT", "/v1/connectors/acme-pending/settings", key, Map.of("client_id", "latchkey-client", "client_secret", "s3cret"));
        send("POST", "/v1/connectors", key, keyConnector());
        send("PUT", "/v1/connectors/acme-keys/config-fields", key, Map.of("fields", configFields()));
        send("POST", "/v1/linked-accounts", key, Map.of("id", "cust-e2e"));
        String session = (String) send("POST", "/v1/session-tokens", key, Map.of("linked_account_id", "cust-e2e")).get("token");

        ProcessBuilder node = new ProcessBuilder("node", "e2e/run.mjs").directory(SDK.toFile()).redirectErrorStream(true);
        node.environment().putAll(Map.of("LATCHKEY_URL", url, "SESSION_TOKEN", session, "APP_PORT", String.valueOf(appPort),
                "OAUTH_SLUG", "acme-oauth", "PENDING_SLUG", "acme-pending", "KEY_SLUG", "acme-keys"));
        Path log = Path.of("target", "sdk-e2e.log");
        node.redirectOutput(log.toFile());
        Process run = node.start();
        boolean finished = run.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            run.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("the browser tests finish within 5 minutes:\n" + output).isTrue();
        assertThat(run.exitValue()).as("the browser tests (sdk/e2e/run.mjs; screenshots in sdk/e2e/artifacts):\n" + output).isZero();
        assertThat(output).contains("5 passed, 0 failed");
    }

    private Map<String, Object> oauthConnector(String slug, String name, String authorizationUrl) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth2");
        auth.put("authorization_url", authorizationUrl);
        auth.put("token_url", oauth.tokenEndpointUrl("acme").toString());
        auth.put("scopes", List.of("openid", "profile"));
        auth.put("client_auth", "body");
        return Map.of("slug", slug, "name", name, "categories", List.of("crm"), "icon_url", "https://acme.example/icon.png",
                "docs_url", "https://acme.example/docs", "api", Map.of("base_url", provider.baseUrl() + "/api"), "auth", List.of(auth));
    }

    private Map<String, Object> keyConnector() {
        Map<String, Object> auth = Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "API key", "secret", true)),
                "placement", "header", "name", "Authorization", "format", "Bearer {api_key}");
        return Map.of("slug", "acme-keys", "name", "Acme Keys", "categories", List.of("support"), "icon_url", "https://acme.example/icon.png",
                "docs_url", "https://acme.example/docs", "api", Map.of("base_url", provider.baseUrl() + "/api"), "auth", List.of(auth),
                "verify", Map.of("method", "GET", "path", "/me", "expect_status", 200),
                "identity", Map.of("method", "GET", "path", "/me", "pointer", "/email"));
    }

    private static List<Map<String, Object>> configFields() {
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("key", "pipeline");
        pipeline.put("label", "Pipeline");
        pipeline.put("type", "text");
        pipeline.put("required", true);
        pipeline.put("section", "Sync");
        pipeline.put("depends_on", Map.of("field", "sync_mode", "equals", "custom"));
        return List.of(
                Map.of("key", "alert_email", "label", "Alert email", "type", "email", "required", true),
                Map.of("key", "sync_mode", "label", "Sync mode", "type", "select", "section", "Sync", "default", "all",
                        "options", List.of(Map.of("label", "Everything", "value", "all"), Map.of("label", "Custom", "value", "custom"))),
                pipeline);
    }

    private Map<String, Object> send(String method, String path, String bearer, Object body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return response.body().isBlank() ? Map.of() : json.readValue(response.body(), io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
