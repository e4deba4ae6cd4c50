package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.latchkey.adapters.persistence.activity.ActivityLogWriter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP server for AI agents over HTTP, as JSON-RPC messages: who may call it (and the RFC 9728 challenge
 * when no one does), that every tool acts for the authenticated linked account only, and the workspace's
 * guardrails (connectors, read-only by default, the call budget), each call in the activity log as kind mcp.
 * McpClientIT drives the same server with the official TypeScript MCP client.
 */
@MicronautTest(transactional = false)
class McpApiTest extends ApiTest {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static final AtomicInteger IDS = new AtomicInteger();

    private final WireMockServer upstream = new WireMockServer(wireMockConfig().dynamicPort());
    @Inject
    ActivityLogWriter writer;
    @Inject
    io.micronaut.runtime.server.EmbeddedServer server;
    private String key;

    /** A connector file with actions (in LATCHKEY_CONNECTORS_DIR), its API on the stub provider. */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        if (!upstream.isRunning()) {
            upstream.start();
        }
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mcp-connectors");
            java.nio.file.Files.writeString(dir.resolve("mcp-files.yaml"), """
                    slug: mcp-files
                    name: MCP Files
                    categories: [crm]
                    icon_url: https://example.com/i.png
                    docs_url: https://example.com/docs
                    api:
                      base_url: %s/files-api
                    auth:
                      - type: api_key
                        fields:
                          - { name: api_key, label: Key, secret: true }
                        placement: header
                        name: X-Api-Key
                        format: "{api_key}"
                    actions:
                      - name: get_deal
                        description: One deal.
                        method: GET
                        path: /deals/{deal_id}
                        input:
                          type: object
                          properties:
                            deal_id: { type: string }
                            fields: { type: string }
                          required: [deal_id]
                        returns: [/deal/name, /deal/amount]
                      - name: create_deal
                        description: A new deal.
                        method: POST
                        path: /deals
                        input:
                          type: object
                          properties:
                            name: { type: string }
                          required: [name]
                    """.formatted(upstream.baseUrl()));
            properties.put("latchkey.connectors-dir", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    @BeforeAll
    void connectors() {
        if (!upstream.isRunning()) {
            upstream.start();
        }
        key = newWorkspaceKey();
        define("mcp-crm");
        define("mcp-chat");
    }

    @AfterAll
    void stop() {
        upstream.stop();
    }

    @BeforeEach
    void reset() {
        upstream.resetAll();
        assertThat(put("/v1/mcp/settings", Map.of("connectors", List.of(), "read_only", true, "calls_per_minute", 1000), key).status())
                .isEqualTo(200);
    }

    private void define(String slug) {
        Reply reply = post("/v1/connectors", Map.of("slug", slug, "name", slug.toUpperCase(), "categories", List.of("test"),
                "icon_url", "https://example.com/i.png", "docs_url", "https://example.com/docs",
                "api", Map.of("base_url", upstream.baseUrl() + "/" + slug),
                "auth", List.of(Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "Key", "secret", true)),
                        "placement", "header", "name", "X-Api-Key", "format", "{api_key}"))), key);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }

    /** A linked account with a connection to mcp-crm holding {@code apiKey}; returns its id. */
    private String accountWithCrm(String apiKey) {
        String id = "mcp-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", id), key).status()).isEqualTo(201);
        Reply imported = post("/v1/linked-accounts/" + id + "/connections", Map.of("connector", "mcp-crm",
                "credentials", Map.of("api_key", apiKey)), key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        return id;
    }

    private String sessionToken(String account) {
        return (String) post("/v1/session-tokens", Map.of("linked_account_id", account), key).get("token");
    }

    private Reply mcp(Map<String, Object> message, String bearer, String account) {
        MutableHttpRequest<?> request = HttpRequest.POST("/mcp", write(message)).contentType(MediaType.APPLICATION_JSON_TYPE)
                .accept(MediaType.APPLICATION_JSON_TYPE, MediaType.TEXT_EVENT_STREAM_TYPE);
        if (account != null) {
            request.header("X-Linked-Account-Id", account);
        }
        return call(request, bearer);
    }

    private Reply rpc(String method, Map<String, Object> params, String bearer, String account) {
        return mcp(Map.of("jsonrpc", "2.0", "id", IDS.incrementAndGet(), "method", method, "params", params), bearer, account);
    }

    /** A tool's result: its structured content, plus isError. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> tool(String name, Map<String, Object> arguments, String bearer, String account) {
        Reply reply = rpc("tools/call", Map.of("name", name, "arguments", arguments), bearer, account);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        Map<String, Object> result = (Map<String, Object>) reply.get("result");
        assertThat(result).as(reply.text()).isNotNull();
        Map<String, Object> structured = (Map<String, Object>) result.get("structuredContent");
        Map<String, Object> out = new HashMap<>(structured == null ? Map.of() : structured);
        out.put("text", ((List<Map<String, Object>>) result.get("content")).get(0).get("text"));
        out.put("isError", result.get("isError"));
        return out;
    }

    /** The status of opening a connect link in a browser (not following its redirect). */
    private int open(String url) {
        try (java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build()) {
            return browser.send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve(url.substring(url.indexOf("/connect/")))).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void without_a_credential_the_answer_is_401_pointing_at_the_protected_resource_metadata() {
        Reply reply = mcp(Map.of("jsonrpc", "2.0", "id", 1, "method", "tools/list"), null, null);

        assertProblem(reply, 401, "unauthorized");
        String challenge = reply.headers().get("WWW-Authenticate");
        assertThat(challenge).startsWith("Bearer resource_metadata=\"").endsWith("/.well-known/oauth-protected-resource/mcp\"");
        String metadataUrl = challenge.substring(challenge.indexOf('"') + 1, challenge.length() - 1);
        Reply metadata = get(metadataUrl.substring(metadataUrl.indexOf("/.well-known")), null);
        assertThat(metadata.status()).isEqualTo(200);
        assertThat((String) metadata.get("resource")).endsWith("/mcp");
        assertThat(metadata.get("bearer_methods_supported")).isEqualTo(List.of("header"));
        assertThat(get("/.well-known/oauth-protected-resource", null).get("resource")).isEqualTo(metadata.get("resource"));
    }

    @Test
    void an_api_key_names_the_account_it_acts_for_and_an_unknown_one_is_404() {
        assertProblem(rpc("tools/list", Map.of(), key, null), 400, "validation_failed");
        assertProblem(rpc("tools/list", Map.of(), key, "nobody-here"), 404, "linked_account_not_found");
        assertProblem(rpc("tools/list", Map.of(), newWorkspaceKey(), accountWithCrm("k")), 404, "linked_account_not_found");
    }

    @Test
    @SuppressWarnings("unchecked")
    void initialize_then_the_four_tools_are_listed() {
        String account = accountWithCrm("k");
        Reply init = rpc("initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "test", "version", "1")), key, account);
        assertThat(init.status()).as(init.text()).isEqualTo(200);
        Map<String, Object> result = (Map<String, Object>) init.get("result");
        assertThat(((Map<String, Object>) result.get("serverInfo")).get("name")).isEqualTo("latchkey");
        assertThat(result.get("capabilities")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey("tools");
        assertThat(mcp(Map.of("jsonrpc", "2.0", "method", "notifications/initialized"), key, account).status()).isEqualTo(202);

        Reply tools = rpc("tools/list", Map.of(), key, account);
        List<Map<String, Object>> listed = (List<Map<String, Object>>) ((Map<String, Object>) tools.get("result")).get("tools");
        assertThat(listed).extracting(t -> t.get("name")).containsExactlyInAnyOrder("list_apps", "list_connections", "connect_app", "call_api");
    }

    @Test
    void a_body_that_is_no_json_rpc_message_is_a_parse_error_and_get_and_delete_are_405() {
        String account = accountWithCrm("k");
        Reply garbage = call(HttpRequest.POST("/mcp", "{not json").contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Linked-Account-Id", account), key);
        assertProblem(garbage, 400, "validation_failed");
        assertThat(garbage.errorFields()).containsExactly("body");
        Reply stream = call(HttpRequest.GET("/mcp").header("X-Linked-Account-Id", account), key);
        assertProblem(stream, 405, "method_not_allowed");
        assertThat(stream.headers().get("Allow")).isEqualTo("POST");
        assertProblem(call(HttpRequest.DELETE("/mcp").header("X-Linked-Account-Id", account), key), 405, "method_not_allowed");
    }

    @Test
    void call_api_reads_through_the_connection_signed_as_the_proxy_signs_and_lands_in_the_activity_log() {
        String account = accountWithCrm("crm-secret-1");
        upstream.stubFor(WireMock.get(urlPathEqualTo("/mcp-crm/deals/42")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"deal\":42}")));

        Map<String, Object> out = tool("call_api", Map.of("connector", "mcp-crm", "path", "/deals/42", "query", Map.of("fields", "a b")),
                sessionToken(account), null);

        assertThat(out.get("isError")).isEqualTo(false);
        assertThat(out).containsEntry("status", 200).containsEntry("body", "{\"deal\":42}").containsEntry("truncated", false);
        upstream.verify(getRequestedFor(urlPathEqualTo("/mcp-crm/deals/42")).withHeader("X-Api-Key", equalTo("crm-secret-1"))
                .withQueryParam("fields", equalTo("a b")));

        writer.flush(Duration.ofSeconds(30));
        List<Map<String, Object>> logs = get("/v1/logs?kind=mcp&linked_account_id=" + account, key).list("data");
        assertThat(logs).anySatisfy(log -> assertThat(log).containsEntry("kind", "mcp").containsEntry("connector", "mcp-crm")
                .containsEntry("method", "GET").containsEntry("path", "/deals/42").containsEntry("provider_status", 200));
    }

    @Test
    void read_only_is_the_default_a_write_is_refused_unsent_and_allowed_once_the_workspace_says_so() {
        String fresh = newWorkspaceKey();
        assertThat(get("/v1/mcp/settings", fresh).body()).containsEntry("read_only", true).containsEntry("calls_per_minute", 60)
                .containsEntry("connectors", List.of()).containsEntry("actions", List.of());
        String account = accountWithCrm("k");
        upstream.stubFor(WireMock.post(urlPathEqualTo("/mcp-crm/deals")).willReturn(aResponse().withStatus(201).withBody("{\"id\":7}")));

        Map<String, Object> refused = tool("call_api", Map.of("connector", "mcp-crm", "method", "POST", "path", "/deals",
                "body", Map.of("name", "Big deal")), key, account);

        assertThat(refused).containsEntry("isError", true).containsEntry("status", 403).containsEntry("code", "agent_read_only");
        upstream.verify(0, anyRequestedFor(anyUrl()));

        put("/v1/mcp/settings", Map.of("connectors", List.of(), "read_only", false, "calls_per_minute", 1000), key);
        Map<String, Object> written = tool("call_api", Map.of("connector", "mcp-crm", "method", "POST", "path", "/deals",
                "body", Map.of("name", "Big deal")), key, account);
        assertThat(written).containsEntry("isError", false).containsEntry("status", 201);
        upstream.verify(postRequestedFor(urlPathEqualTo("/mcp-crm/deals")).withRequestBody(equalToJson("{\"name\":\"Big deal\"}")));
    }

    @Test
    void past_the_calls_per_minute_a_call_is_a_429_tool_error_and_is_not_sent() {
        String account = accountWithCrm("k");
        upstream.stubFor(WireMock.get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
        put("/v1/mcp/settings", Map.of("connectors", List.of(), "read_only", true, "calls_per_minute", 2), key);
        String session = sessionToken(account);

        assertThat(tool("call_api", Map.of("connector", "mcp-crm", "path", "/a"), session, null)).containsEntry("isError", false);
        assertThat(tool("call_api", Map.of("connector", "mcp-crm", "path", "/b"), session, null)).containsEntry("isError", false);
        Map<String, Object> third = tool("call_api", Map.of("connector", "mcp-crm", "path", "/c"), session, null);

        assertThat(third).containsEntry("isError", true).containsEntry("status", 429).containsEntry("code", "agent_budget_exceeded")
                .containsKey("retry_after");
        upstream.verify(0, getRequestedFor(urlPathEqualTo("/mcp-crm/c")));
        // Another account's budget is its own.
        assertThat(tool("call_api", Map.of("connector", "mcp-crm", "path", "/d"), key, accountWithCrm("k2"))).containsEntry("isError", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_tool_acts_for_the_authenticated_account_only() {
        String mine = accountWithCrm("mine-key");
        String theirs = "mcp-" + ACCOUNTS.incrementAndGet();
        post("/v1/linked-accounts", Map.of("id", theirs), key);
        assertThat(post("/v1/linked-accounts/" + theirs + "/connections", Map.of("connector", "mcp-chat",
                "credentials", Map.of("api_key", "their-key")), key).status()).isEqualTo(201);
        String session = sessionToken(mine);

        List<Map<String, Object>> connections = (List<Map<String, Object>>) tool("list_connections", Map.of(), session, null).get("connections");
        assertThat(connections).extracting(c -> c.get("app")).containsExactly("mcp-crm");
        // A session token ignores X-Linked-Account-Id: it acts for its own account.
        Map<String, Object> other = tool("call_api", Map.of("connector", "mcp-chat", "path", "/messages"), session, theirs);
        assertThat(other).containsEntry("isError", true).containsEntry("status", 404).containsEntry("code", "connection_not_found");
        upstream.verify(0, anyRequestedFor(anyUrl()));
        // No tool takes an account: one named anyway is refused, not followed.
        Map<String, Object> named = tool("list_connections", Map.of("linked_account_id", theirs), session, null);
        assertThat(named.get("isError")).isEqualTo(true);
        assertThat((String) named.get("text")).doesNotContain("mcp-chat");
    }

    @Test
    @SuppressWarnings("unchecked")
    void list_apps_shows_what_is_connected_and_connect_app_gives_a_single_use_link_for_the_person() {
        String account = accountWithCrm("k");
        List<Map<String, Object>> apps = (List<Map<String, Object>>) tool("list_apps", Map.of(), key, account).get("apps");
        assertThat(apps).anySatisfy(app -> assertThat(app).containsEntry("app", "mcp-crm").containsEntry("connected", true))
                .anySatisfy(app -> assertThat(app).containsEntry("app", "mcp-chat").containsEntry("connected", false));

        Map<String, Object> link = tool("connect_app", Map.of("app", "mcp-chat"), key, account);

        assertThat(link).containsEntry("isError", false).containsEntry("already_connected", false);
        String url = (String) link.get("url");
        assertThat(url).contains("/connect/");
        assertThat(open(url)).as("the link opens a portal session").isEqualTo(303);
        assertThat(open(url)).as("once").isEqualTo(410);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_connector_the_workspace_keeps_from_agents_is_neither_listed_nor_callable_nor_connectable() {
        String account = accountWithCrm("k");
        put("/v1/mcp/settings", Map.of("connectors", List.of("mcp-chat"), "read_only", true, "calls_per_minute", 1000), key);

        List<Map<String, Object>> apps = (List<Map<String, Object>>) tool("list_apps", Map.of(), key, account).get("apps");
        assertThat(apps).extracting(a -> a.get("app")).containsExactly("mcp-chat");
        assertThat(tool("call_api", Map.of("connector", "mcp-crm", "path", "/deals"), key, account))
                .containsEntry("status", 403).containsEntry("code", "agent_connector_not_allowed");
        assertThat(tool("connect_app", Map.of("app", "mcp-crm"), key, account)).containsEntry("code", "agent_connector_not_allowed");
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void a_path_that_would_leave_the_api_base_is_refused_and_a_long_body_is_cut_with_a_note() {
        String account = accountWithCrm("k");
        Map<String, Object> escape = tool("call_api", Map.of("connector", "mcp-crm", "path", "/../../admin"), key, account);
        assertThat(escape).containsEntry("isError", true).containsEntry("status", 400).containsEntry("code", "invalid_input");
        upstream.verify(0, anyRequestedFor(anyUrl()));

        upstream.stubFor(WireMock.get(urlPathEqualTo("/mcp-crm/export")).willReturn(aResponse().withStatus(200).withBody("x".repeat(150_000))));
        Map<String, Object> big = tool("call_api", Map.of("connector", "mcp-crm", "path", "/export"), key, account);
        assertThat(big).containsEntry("truncated", true).containsKey("note");
        assertThat((String) big.get("body")).hasSize(100_000);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_declared_action_is_a_tool_for_an_account_connected_to_its_app_and_runs_through_the_guardrails() {
        String account = accountWithCrm("k");
        List<String> before = toolNames(key, account);
        assertThat(before).as("no connection to mcp-files: none of its actions").containsExactlyInAnyOrder("list_apps", "list_connections",
                "connect_app", "call_api");
        assertThat(post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "mcp-files",
                "credentials", Map.of("api_key", "files-key")), key).status()).isEqualTo(201);
        assertThat(toolNames(key, account)).as("read-only: the read only").contains("mcp_files_get_deal").doesNotContain("mcp_files_create_deal");
        upstream.stubFor(WireMock.get(urlPathEqualTo("/files-api/deals/d%2F1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"deal\": {\"name\": \"Big\", \"amount\": 5, \"secret_note\": \"x\"}}")));

        Map<String, Object> deal = tool("mcp_files_get_deal", Map.of("deal_id", "d/1", "fields", "name"), key, account);

        assertThat(deal).containsEntry("isError", false).containsEntry("status", 200)
                .containsEntry("data", Map.of("/deal/name", "Big", "/deal/amount", 5));
        upstream.verify(getRequestedFor(urlPathEqualTo("/files-api/deals/d%2F1")).withHeader("X-Api-Key", equalTo("files-key"))
                .withQueryParam("fields", equalTo("name")));
        assertThat(tool("mcp_files_create_deal", Map.of("name", "New"), key, account))
                .as("hidden is not callable: read-only").containsEntry("code", "agent_read_only");

        put("/v1/mcp/settings", Map.of("connectors", List.of(), "read_only", false, "calls_per_minute", 1000), key);
        upstream.stubFor(WireMock.post(urlPathEqualTo("/files-api/deals")).willReturn(aResponse().withStatus(201).withBody("{\"id\":\"d2\"}")));
        assertThat(toolNames(key, account)).contains("mcp_files_create_deal");
        assertThat(tool("mcp_files_create_deal", Map.of("name", "New"), key, account)).containsEntry("status", 201);
        upstream.verify(postRequestedFor(urlPathEqualTo("/files-api/deals")).withRequestBody(equalToJson("{\"name\":\"New\"}")));
        put("/v1/mcp/settings", Map.of("connectors", List.of(), "read_only", false, "calls_per_minute", 1000,
                "actions", List.of("mcp_files_get_deal")), key);
        assertThat(toolNames(key, account)).as("only the actions the workspace names").contains("mcp_files_get_deal")
                .doesNotContain("mcp_files_create_deal");
        assertThat(tool("mcp_files_create_deal", Map.of("name", "New"), key, account)).containsEntry("status", 403)
                .containsEntry("code", "agent_action_not_allowed");
        put("/v1/mcp/settings", Map.of("connectors", List.of("mcp-crm"), "read_only", false, "calls_per_minute", 1000), key);
        assertThat(toolNames(key, account)).as("a connector kept from agents: none of its actions").noneMatch(n -> n.startsWith("mcp_files_"));
    }

    @SuppressWarnings("unchecked")
    private List<String> toolNames(String bearer, String account) {
        Reply tools = rpc("tools/list", Map.of(), bearer, account);
        return ((List<Map<String, Object>>) ((Map<String, Object>) tools.get("result")).get("tools")).stream()
                .map(t -> (String) t.get("name")).toList();
    }

    @Test
    void a_private_connector_declaring_actions_is_refused_naming_them_rather_than_stored_and_never_offered() {
        Reply reply = post("/v1/connectors", Map.of("slug", "mcp-private-actions", "name", "X", "categories", List.of("test"),
                "icon_url", "https://example.com/i.png", "docs_url", "https://example.com/docs",
                "api", Map.of("base_url", upstream.baseUrl() + "/x"),
                "auth", List.of(Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "Key", "secret", true)),
                        "placement", "header", "name", "X-Api-Key", "format", "{api_key}")),
                "actions", List.of(Map.of("name", "get_x", "description", "x", "method", "GET", "path", "/x"))), key);
        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).containsExactly("actions");
    }

    @Test
    void the_settings_name_every_bad_field() {
        Reply reply = put("/v1/mcp/settings", Map.of("connectors", List.of("Not A Slug"), "read_only", true, "calls_per_minute", 0,
                "actions", List.of("Not a tool")), key);
        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).contains("connectors[0]", "calls_per_minute", "actions");
    }
}
