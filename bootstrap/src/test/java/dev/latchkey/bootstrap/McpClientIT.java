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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP server with a real MCP client: Latchkey (in-process, on an embedded PostgreSQL) and a stub
 * provider (WireMock); then {@code sdk/e2e/mcp.mjs} connects the official TypeScript MCP SDK
 * ({@code @modelcontextprotocol/sdk}), lists the tools, calls call_api through a connection, gets a connect
 * link for an unconnected app, runs an action a connector file declares, is refused a write in read-only
 * mode and another account's data. Needs
 * sdk/node_modules ({@code scripts/test} runs {@code npm ci} first).
 */
class McpClientIT {
    private static final Path SDK = Path.of("").toAbsolutePath().getParent().resolve("sdk");

    private final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedServer latchkey;
    private JsonMapper json;
    private String url;

    @BeforeEach
    void start() throws IOException {
        provider.start();
        int port = freePort();
        url = "http://localhost:" + port;
        Map<String, Object> properties = new HashMap<>(TestPostgres.freshDatabaseProperties());
        properties.put("micronaut.server.port", port);
        properties.put("latchkey.public-url", url);
        properties.put("latchkey.session-secret", ApiTest.SESSION_SECRET);
        properties.put("latchkey.encryption-keys", ApiTest.ENCRYPTION_KEYS);
        properties.put("latchkey.allow-private-network", "true");
        // A connector file declaring an action (the MCP server's typed tools), its API on the stub provider.
        Path connectors = Files.createTempDirectory("mcp-it-connectors");
        Files.writeString(connectors.resolve("crm-files.yaml"), """
                slug: crm-files
                name: CRM Files
                categories: [crm]
                icon_url: https://acme.example/icon.png
                docs_url: https://acme.example/docs
                api:
                  base_url: %s/crm-files
                auth:
                  - type: api_key
                    fields:
                      - { name: api_key, label: API key, secret: true }
                    placement: header
                    name: X-Api-Key
                    format: "{api_key}"
                actions:
                  - name: get_deal
                    description: One deal by id.
                    method: GET
                    path: /deals/{deal_id}
                    input:
                      type: object
                      properties:
                        deal_id: { type: string }
                      required: [deal_id]
                    returns: [/deal/name]
                """.formatted(provider.baseUrl()));
        properties.put("latchkey.connectors-dir", connectors.toString());
        latchkey = ApplicationContext.run(EmbeddedServer.class, properties);
        json = latchkey.getApplicationContext().getBean(JsonMapper.class);
        provider.stubFor(WireMock.get(urlPathEqualTo("/crm/deals/42")).withHeader("X-Api-Key", equalTo("crm-key"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"deal\": 42}")));
        provider.stubFor(WireMock.get(urlPathEqualTo("/crm-files/deals/7")).withHeader("X-Api-Key", equalTo("files-key"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"deal\": {\"name\": \"Big deal\", \"owner\": \"not for the agent\"}}")));
    }

    @AfterEach
    void stop() {
        if (latchkey != null) {
            latchkey.getApplicationContext().close();
        }
        provider.stop();
    }

    @Test
    void the_typescript_mcp_client_lists_the_tools_calls_an_api_gets_a_connect_link_and_is_refused_writes_and_other_accounts() throws Exception {
        String key = latchkey.getApplicationContext().getBean(CreateWorkspaceUseCase.class)
                .create(new CreateWorkspaceCommand(new WorkspaceName("mcp-e2e"), Environment.TEST)).secret().reveal();
        for (String slug : List.of("crm", "chat", "tickets")) {
            send("POST", "/v1/connectors", key, connector(slug));
        }
        send("POST", "/v1/linked-accounts", key, Map.of("id", "cust-mine"));
        send("POST", "/v1/linked-accounts/cust-mine/connections", key, Map.of("connector", "crm", "credentials", Map.of("api_key", "crm-key")));
        send("POST", "/v1/linked-accounts/cust-mine/connections", key, Map.of("connector", "crm-files",
                "credentials", Map.of("api_key", "files-key")));
        send("POST", "/v1/linked-accounts", key, Map.of("id", "cust-theirs"));
        send("POST", "/v1/linked-accounts/cust-theirs/connections", key, Map.of("connector", "chat",
                "credentials", Map.of("api_key", "their-key")));
        String session = (String) send("POST", "/v1/session-tokens", key, Map.of("linked_account_id", "cust-mine")).get("token");

        ProcessBuilder node = new ProcessBuilder("node", "e2e/mcp.mjs").directory(SDK.toFile()).redirectErrorStream(true);
        node.environment().putAll(Map.of("LATCHKEY_URL", url, "API_KEY", key, "SESSION_TOKEN", session, "ACCOUNT", "cust-mine",
                "OTHER_ACCOUNT", "cust-theirs", "CONNECTOR", "crm", "OTHER_CONNECTOR", "chat", "UNCONNECTED", "tickets",
                "ACTION", "crm_files_get_deal"));
        Path log = Path.of("target", "mcp-e2e.log");
        node.redirectOutput(log.toFile());
        Process run = node.start();
        boolean finished = run.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            run.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("the MCP client tests finish within 3 minutes:\n" + output).isTrue();
        assertThat(run.exitValue()).as("the MCP client tests (sdk/e2e/mcp.mjs):\n" + output).isZero();
        assertThat(output).contains("7 passed, 0 failed");
        // Neither the refused write nor the other account's connector reached the provider.
        assertThat(provider.findAll(WireMock.anyRequestedFor(anyUrl()))).extracting(r -> r.getMethod().getName() + " " + r.getUrl())
                .containsExactlyInAnyOrder("GET /crm/deals/42", "GET /crm-files/deals/7");
    }

    private Map<String, Object> connector(String slug) {
        Map<String, Object> auth = Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "API key", "secret", true)),
                "placement", "header", "name", "X-Api-Key", "format", "{api_key}");
        return Map.of("slug", slug, "name", slug.toUpperCase(), "categories", List.of("crm"), "icon_url", "https://acme.example/icon.png",
                "docs_url", "https://acme.example/docs", "api", Map.of("base_url", provider.baseUrl() + "/" + slug), "auth", List.of(auth));
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
