package dev.latchkey.bootstrap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** Config fields over HTTP: definitions, values, validation, dynamic options from a stub provider, secrets, tenancy. */
@MicronautTest(transactional = false)
class ConfigApiTest extends ApiTest {

    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());
    private Map<String, String> database;
    private String key;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        database = properties;
        return properties;
    }

    @BeforeAll
    void connector() {
        provider.start();
        key = newWorkspaceKey();
        Reply defined = post("/v1/connectors", Map.of("slug", "chat", "name", "Chat", "categories", List.of("chat"),
                "icon_url", "https://example.com/i.png", "docs_url", "https://example.com/docs",
                "api", Map.of("base_url", provider.baseUrl() + "/api"),
                "auth", List.of(Map.of("type", "api_key", "fields", List.of(Map.of("name", "api_key", "label", "Key", "secret", true)),
                        "placement", "header", "name", "X-Api-Key", "format", "{api_key}"))), key);
        assertThat(defined.status()).as(defined.text()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        provider.stop();
    }

    @BeforeEach
    void reset() {
        provider.resetAll();
        assertThat(put("/v1/connectors/chat/config-fields", Map.of("fields", fields()), key).status()).isEqualTo(200);
    }

    private static List<Map<String, Object>> fields() {
        return List.of(
                field("channel", "select", "section", "Posting", "required", true, "options_from", Map.of("method", "GET",
                        "path", "/channels.list?types=public", "items", "/channels", "label", "/name", "value", "/id",
                        "next", "/meta/next", "cursor_param", "cursor", "search_param", "q")),
                field("sync_mode", "select", "section", "Sync", "default", "all",
                        "options", List.of(Map.of("label", "All", "value", "all"), Map.of("label", "Custom", "value", "custom"))),
                field("since", "date", "section", "Sync", "required", true, "depends_on", Map.of("field", "sync_mode", "equals", "custom")),
                field("batch_size", "number", "min", 1, "max", 100, "integer", true),
                field("prefix", "text", "min_length", 2, "max_length", 5, "pattern", "[a-z]+"),
                field("notify", "email"),
                field("include_archived", "boolean", "default", false),
                field("tier_mapping", "mapping", "sources", List.of(Map.of("key", "customer_tier", "label", "Customer tier")),
                        "options", List.of(Map.of("label", "Gold", "value", "gold"), Map.of("label", "Silver", "value", "silver"))),
                field("signing_key", "text", "secret", true));
    }

    private static Map<String, Object> field(String key, String type, Object... more) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("key", key);
        field.put("label", key.replace('_', ' '));
        field.put("type", type);
        for (int i = 0; i < more.length; i += 2) {
            field.put((String) more[i], more[i + 1]);
        }
        return field;
    }

    /** A new linked account with a connection to chat (API key {@code apiKey}); returns its id. */
    private String connectedAccount(String apiKey) {
        String id = account();
        Reply imported = post("/v1/linked-accounts/" + id + "/connections", Map.of("connector", "chat", "credentials",
                Map.of("api_key", apiKey)), key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        return id;
    }

    private String account() {
        String id = "cfg-" + ACCOUNTS.incrementAndGet();
        assertThat(post("/v1/linked-accounts", Map.of("id", id), key).status()).isEqualTo(201);
        return id;
    }

    private String session(String account) {
        return (String) post("/v1/session-tokens", Map.of("linked_account_id", account), key).get("token");
    }

    private Reply saveConfig(String session, String configId, Map<String, Object> values) {
        Map<String, Object> body = new HashMap<>();
        body.put("config_id", configId);
        body.put("values", values);
        return put("/v1/apps/chat/config", body, session);
    }

    @SuppressWarnings("unchecked")
    private static Object value(Reply config, String field) {
        return ((List<Map<String, Object>>) config.get("fields")).stream().filter(f -> f.get("key").equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError(field + " not in " + config.text())).get("value");
    }

    @SuppressWarnings("unchecked")
    private static List<String> fieldKeys(Reply config) {
        return ((List<Map<String, Object>>) config.get("fields")).stream().map(f -> (String) f.get("key")).toList();
    }

    private Connection db() throws Exception {
        return DriverManager.getConnection(database.get("datasources.default.url"), database.get("datasources.default.username"),
                database.get("datasources.default.password"));
    }

    private static Map<String, Object> valid() {
        Map<String, Object> values = new HashMap<>();
        values.put("channel", "C1");
        values.put("sync_mode", "all");
        values.put("batch_size", 100);
        values.put("prefix", "ab");
        values.put("tier_mapping", Map.of("customer_tier", "gold"));
        return values;
    }

    // --- definitions ---

    @Test
    void definitions_come_back_in_order_with_their_source_and_reset_to_the_connector_s_defaults() {
        Reply fields = get("/v1/connectors/chat/config-fields", key);

        assertThat(fields.status()).isEqualTo(200);
        assertThat(fields.get("source")).isEqualTo("workspace");
        assertThat(fields.list("fields")).extracting(f -> f.get("key")).containsExactly("channel", "sync_mode", "since", "batch_size",
                "prefix", "notify", "include_archived", "tier_mapping", "signing_key");
        assertThat(fields.list("fields").get(2)).containsEntry("depends_on", Map.of("field", "sync_mode", "equals", "custom"));

        Reply slack = get("/v1/connectors/slack/config-fields", key);
        assertThat(slack.get("source")).isEqualTo("connector");
        assertThat(slack.list("fields")).extracting(f -> f.get("key")).contains("channel");
    }

    @Test
    void a_definition_read_back_can_be_sent_again_unchanged() {
        Reply fields = get("/v1/connectors/chat/config-fields", key);

        Reply again = put("/v1/connectors/chat/config-fields", Map.of("fields", fields.get("fields")), key);

        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.get("fields")).isEqualTo(fields.get("fields"));
    }

    @Test
    void deleting_the_workspace_s_definitions_leaves_the_connector_file_s() {
        assertThat(put("/v1/connectors/slack/config-fields", Map.of("fields", List.of(field("x", "text"))), key).status()).isEqualTo(200);
        assertThat(get("/v1/connectors/slack/config-fields", key).get("source")).isEqualTo("workspace");

        assertThat(delete("/v1/connectors/slack/config-fields", key).status()).isEqualTo(204);

        assertThat(get("/v1/connectors/slack/config-fields", key).get("source")).isEqualTo("connector");
    }

    @Test
    void malformed_definitions_are_a_400_naming_every_path() {
        Reply reply = put("/v1/connectors/chat/config-fields", Map.of("fields", List.of(
                field("a", "text"),
                field("a", "number", "min", 5, "max", 1),
                field("pick", "select"),
                field("later", "text", "depends_on", Map.of("field", "nope", "equals", "x")),
                field("n", "text", "min", 1),
                field("Bad Key", "colour"))), key);

        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).contains("fields[1].min", "fields[2].options", "fields[3].depends_on.field", "fields[4].min",
                "fields[5].key", "fields[5].type");
        assertThat(get("/v1/connectors/chat/config-fields", key).list("fields")).hasSize(9);
    }

    @Test
    void definitions_of_an_unknown_connector_are_a_404() {
        assertProblem(put("/v1/connectors/no-such/config-fields", Map.of("fields", List.of()), key), 404, "connector_not_found");
    }

    // --- values ---

    @Test
    void a_config_is_saved_and_read_with_defaults_sections_and_an_event_without_values() throws Exception {
        String account = account();
        String session = session(account);

        Reply empty = get("/v1/apps/chat/config", session);
        assertThat(empty.status()).as(empty.text()).isEqualTo(200);
        assertThat(empty.get("config_id")).isEqualTo("default");
        assertThat(empty.get("updated_at")).isNull();
        assertThat(value(empty, "sync_mode")).isEqualTo("all");
        assertThat(value(empty, "channel")).isNull();
        assertThat(empty.list("sections")).extracting(s -> s.get("name")).containsExactly("Posting", "Sync", null);

        Reply saved = saveConfig(session, "default", valid());

        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(value(saved, "batch_size")).isEqualTo(100);
        assertThat(value(saved, "include_archived")).isEqualTo(false);
        assertThat(saved.get("updated_at")).isNotNull();
        assertThat(saved.list("field_errors")).isEmpty();
        try (Connection db = db(); Statement s = db.createStatement();
             ResultSet rows = s.executeQuery("SELECT payload::text FROM webhook_events WHERE type = 'config.updated' "
                     + "AND payload->>'linked_account_id' = '" + account + "'")) {
            assertThat(rows.next()).isTrue();
            String payload = rows.getString(1);
            assertThat(payload).contains("\"changed_keys\"", "batch_size", "tier_mapping", "\"config_id\": \"default\"")
                    .doesNotContain("gold", "C1");
            assertThat(rows.next()).as("one event per save").isFalse();
        }
    }

    @Test
    void every_invalid_value_is_reported_at_once_and_nothing_is_saved() {
        String session = session(account());
        Map<String, Object> values = new HashMap<>();
        values.put("sync_mode", "weekly");
        values.put("batch_size", 101);
        values.put("prefix", "abcdef");
        values.put("notify", "not-an-email");
        values.put("tier_mapping", Map.of("customer_tier", "bronze", "region", "eu"));
        values.put("colour", "red");

        Reply reply = saveConfig(session, "default", values);

        assertProblem(reply, 422, "invalid_config");
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("colour", "channel", "sync_mode", "batch_size", "prefix", "notify",
                "tier_mapping.customer_tier", "tier_mapping.region");
        assertThat(get("/v1/apps/chat/config", session).get("updated_at")).isNull();
    }

    @Test
    void boundaries_are_inclusive() {
        String session = session(account());
        Map<String, Object> low = valid();
        low.put("batch_size", 1);
        low.put("prefix", "abcde");
        assertThat(saveConfig(session, "default", low).status()).isEqualTo(200);

        Map<String, Object> below = valid();
        below.put("batch_size", 0);
        below.put("prefix", "a");
        assertThat(saveConfig(session, "default", below).errorFields()).containsExactlyInAnyOrder("batch_size", "prefix");

        Map<String, Object> fraction = valid();
        fraction.put("batch_size", 2.5);
        assertThat(saveConfig(session, "default", fraction).errorFields()).containsExactly("batch_size");
    }

    @Test
    void a_number_too_large_for_a_double_is_an_invalid_value_not_a_server_error() {
        String session = session(account());

        Reply reply = raw(io.micronaut.http.HttpMethod.PUT, "/v1/apps/chat/config",
                "{\"values\": {\"channel\": \"C1\", \"batch_size\": 1e400}}", "application/json", session);

        assertThat(reply.status()).as(reply.text()).isIn(400, 422);
        assertThat(reply.errorFields()).isNotEmpty();
    }

    @Test
    void a_field_whose_depends_on_does_not_hold_is_not_required_and_its_value_is_kept_unchecked() {
        String session = session(account());
        Map<String, Object> values = valid();
        values.put("since", "not a date");

        Reply saved = saveConfig(session, "default", values);
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(value(saved, "since")).isEqualTo("not a date");

        values.put("sync_mode", "custom");
        values.remove("since");
        assertThat(saveConfig(session, "default", values).errorFields()).containsExactly("since");
        values.put("since", "2026-02-29");
        assertThat(saveConfig(session, "default", values).errorFields()).containsExactly("since");
        values.put("since", "2028-02-29");
        assertThat(saveConfig(session, "default", values).status()).isEqualTo(200);
    }

    @Test
    void two_named_configs_of_one_app_are_kept_apart() {
        String account = account();
        String session = session(account);
        Map<String, Object> second = valid();
        second.put("channel", "C2");

        saveConfig(session, "default", valid());
        saveConfig(session, "sales-pipeline", second);

        assertThat(value(get("/v1/apps/chat/config", session), "channel")).isEqualTo("C1");
        assertThat(value(get("/v1/apps/chat/config?config_id=sales-pipeline", session), "channel")).isEqualTo("C2");
        Reply listed = get("/v1/linked-accounts/" + account + "/configs", key);
        assertThat(listed.list("data")).extracting(c -> c.get("config_id")).containsExactly("default", "sales-pipeline");

        assertThat(delete("/v1/apps/chat/config?config_id=sales-pipeline", session).status()).isEqualTo(204);
        assertThat(get("/v1/apps/chat/config?config_id=sales-pipeline", session).get("updated_at")).isNull();
        assertThat(value(get("/v1/apps/chat/config", session), "channel")).isEqualTo("C1");
        assertProblem(get("/v1/apps/chat/config?config_id=Bad%20Id", session), 400, "validation_failed");
    }

    @Test
    void another_linked_account_cannot_read_the_config_and_another_workspace_gets_a_404() {
        String owner = account();
        saveConfig(session(owner), "default", valid());
        String other = account();

        Reply others = get("/v1/apps/chat/config", session(other));
        assertThat(others.status()).isEqualTo(200);
        assertThat(value(others, "channel")).isNull();
        assertThat(others.get("updated_at")).isNull();

        String otherWorkspace = newWorkspaceKey();
        assertProblem(get("/v1/linked-accounts/" + owner + "/configs", otherWorkspace), 404, "linked_account_not_found");
        assertProblem(get("/v1/linked-accounts/" + owner + "/configs/chat", otherWorkspace), 404, "linked_account_not_found");
    }

    @Test
    void the_backend_reads_and_writes_an_account_s_config_with_its_api_key() {
        String account = account();

        Reply saved = put("/v1/linked-accounts/" + account + "/configs/chat?config_id=ops", Map.of("values", valid()), key);
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(saved.get("config_id")).isEqualTo("ops");

        assertThat(value(get("/v1/linked-accounts/" + account + "/configs/chat?config_id=ops", key), "channel")).isEqualTo("C1");
        MutableHttpRequest<?> asAccount = HttpRequest.GET("/v1/apps/chat/config?config_id=ops").header("X-Linked-Account-Id", account);
        assertThat(value(call(asAccount, key), "channel")).isEqualTo("C1");
        assertThat(get("/v1/linked-accounts/" + account + "/configs", key).list("data").get(0))
                .containsEntry("connector", "chat").containsEntry("config_id", "ops").containsKey("updated_at");
    }

    @Test
    void a_secret_is_stored_encrypted_returned_masked_and_kept_when_sent_back_masked() throws Exception {
        String account = account();
        String session = session(account);
        Map<String, Object> values = valid();
        values.put("signing_key", "whsec-very-secret-value");

        Reply saved = saveConfig(session, "default", values);
        assertThat(value(saved, "signing_key")).isEqualTo("********");
        assertThat(saved.text()).doesNotContain("whsec-very-secret-value");

        values.put("signing_key", "********");
        values.put("batch_size", 7);
        assertThat(saveConfig(session, "default", values).status()).isEqualTo(200);

        try (Connection db = db(); Statement s = db.createStatement();
             ResultSet rows = s.executeQuery("SELECT plain_values::text, secret_ciphertext FROM config_values")) {
            boolean any = false;
            while (rows.next()) {
                assertThat(rows.getString(1)).doesNotContain("whsec-very-secret-value");
                byte[] sealed = rows.getBytes(2);
                if (sealed != null) {
                    any = true;
                    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("whsec-very-secret-value");
                }
            }
            assertThat(any).isTrue();
        }
        Reply listed = get("/v1/linked-accounts/" + account + "/configs", key);
        assertThat(listed.text()).doesNotContain("whsec-very-secret-value").contains("********");

        values.put("signing_key", "********");
        Reply fresh = saveConfig(session(account()), "default", values);
        assertProblem(fresh, 422, "invalid_config");
        assertThat(fresh.errorFields()).containsExactly("signing_key");
    }

    @Test
    void definition_changes_never_destroy_values_they_are_hidden_or_reported() {
        String session = session(account());
        Map<String, Object> values = valid();
        values.put("notify", "ops@example.com");
        saveConfig(session, "default", values);

        List<Map<String, Object>> changed = new java.util.ArrayList<>(fields());
        changed.removeIf(f -> f.get("key").equals("notify"));
        changed.replaceAll(f -> switch ((String) f.get("key")) {
            case "prefix" -> field("prefix", "number");
            case "tier_mapping" -> field("tier_mapping", "mapping", "sources", List.of(Map.of("key", "customer_tier", "label", "Tier")),
                    "options", List.of(Map.of("label", "Silver", "value", "silver")));
            default -> f;
        });
        assertThat(put("/v1/connectors/chat/config-fields", Map.of("fields", changed), key).status()).isEqualTo(200);

        Reply read = get("/v1/apps/chat/config", session);
        assertThat(fieldKeys(read)).doesNotContain("notify");
        assertThat(value(read, "prefix")).isEqualTo("ab");
        assertThat(read.list("field_errors")).extracting(e -> e.get("field")).containsExactlyInAnyOrder("prefix", "tier_mapping.customer_tier");

        assertThat(put("/v1/connectors/chat/config-fields", Map.of("fields", fields()), key).status()).isEqualTo(200);
        Reply restored = get("/v1/apps/chat/config", session);
        assertThat(value(restored, "notify")).isEqualTo("ops@example.com");
        assertThat(restored.list("field_errors")).isEmpty();
    }

    @Test
    void values_survive_disconnect_and_reconnect_and_go_with_the_linked_account() throws Exception {
        String account = connectedAccount("k-1");
        String session = session(account);
        saveConfig(session, "default", valid());
        String connection = (String) get("/v1/linked-accounts/" + account + "/connections", key).list("data").get(0).get("id");

        assertThat(delete("/v1/apps/chat/connections/" + connection, session).status()).isEqualTo(204);
        post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "chat", "credentials", Map.of("api_key", "k-2")), key);
        assertThat(value(get("/v1/apps/chat/config", session), "channel")).isEqualTo("C1");

        assertThat(delete("/v1/linked-accounts/" + account, key).status()).isEqualTo(204);
        post("/v1/linked-accounts", Map.of("id", account), key);
        assertThat(get("/v1/linked-accounts/" + account + "/configs", key).list("data")).isEmpty();
    }

    // --- dynamic options ---

    @Test
    void dynamic_options_come_from_the_provider_signed_with_the_connection_s_credentials_paged_and_searched() {
        String session = session(connectedAccount("k-opt"));
        provider.stubFor(WireMock.get(urlPathEqualTo("/api/channels.list")).withQueryParam("cursor", absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"channels": [{"id": "C1", "name": "general"}, {"id": "C2", "name": "random"}], "meta": {"next": "page-2"}}""")));
        provider.stubFor(WireMock.get(urlPathEqualTo("/api/channels.list")).withQueryParam("cursor", equalTo("page-2"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"channels": [{"id": "C3", "name": "sales"}], "meta": {"next": ""}}""")));

        Reply first = get("/v1/apps/chat/config/fields/channel/options", session);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.list("data")).containsExactly(Map.of("label", "general", "value", "C1"), Map.of("label", "random", "value", "C2"));
        assertThat(first.get("next_cursor")).isEqualTo("page-2");

        Reply second = get("/v1/apps/chat/config/fields/channel/options?cursor=page-2&search=sal%20es", session);
        assertThat(second.list("data")).containsExactly(Map.of("label", "sales", "value", "C3"));
        assertThat(second.get("next_cursor")).isNull();

        provider.verify(getRequestedFor(urlPathEqualTo("/api/channels.list")).withQueryParam("types", equalTo("public"))
                .withQueryParam("cursor", equalTo("page-2")).withQueryParam("q", equalTo("sal es"))
                .withHeader("X-Api-Key", equalTo("k-opt")));
        provider.verify(2, getRequestedFor(urlPathEqualTo("/api/channels.list")).withHeader("X-Api-Key", equalTo("k-opt")));
    }

    @Test
    void static_options_are_listed_and_searched_without_a_connection() {
        String session = session(account());

        Reply reply = get("/v1/apps/chat/config/fields/sync_mode/options?search=cus", session);

        assertThat(reply.list("data")).containsExactly(Map.of("label", "Custom", "value", "custom"));
        provider.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void without_a_usable_connection_options_are_a_409_not_an_empty_list() throws Exception {
        assertProblem(get("/v1/apps/chat/config/fields/channel/options", session(account())), 409, "not_connected");

        String account = connectedAccount("k-exp");
        try (Connection db = db(); Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE connections SET status = 'expired' WHERE connector = 'chat'");
        }
        Reply expired = get("/v1/apps/chat/config/fields/channel/options", session(account));
        assertProblem(expired, 409, "connection_expired");
        assertThat((String) expired.get("detail")).contains("reconnect");
        provider.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void a_provider_failure_is_a_clear_problem_not_an_empty_list() {
        String session = session(connectedAccount("k-fail"));
        provider.stubFor(WireMock.get(urlPathEqualTo("/api/channels.list")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"missing_scope\"}")));

        Reply reply = get("/v1/apps/chat/config/fields/channel/options", session);

        assertProblem(reply, 502, "provider_unavailable");
        assertThat((String) reply.get("detail")).contains("HTTP 403", "missing_scope");
    }

    @Test
    void options_of_an_unknown_field_are_a_404_and_of_a_text_field_a_400() {
        String session = session(account());
        assertProblem(get("/v1/apps/chat/config/fields/nope/options", session), 404, "config_field_not_found");
        assertProblem(get("/v1/apps/chat/config/fields/prefix/options", session), 400, "validation_failed");
    }

    // --- audit: dynamic options of every kind, definition tricks, tenancy, bad values, secrets, events ---

    private static Map<String, Object> fromProvider(String path, String items, String label, String value, Object... more) {
        Map<String, Object> from = new LinkedHashMap<>(Map.of("method", "GET", "path", path, "items", items, "label", label, "value", value));
        for (int i = 0; i < more.length; i += 2) {
            from.put((String) more[i], more[i + 1]);
        }
        return from;
    }

    private void define(List<Map<String, Object>> fields) {
        Reply defined = put("/v1/connectors/chat/config-fields", Map.of("fields", fields), key);
        assertThat(defined.status()).as(defined.text()).isEqualTo(200);
    }

    @SafeVarargs
    private static List<Map<String, Object>> fieldsAnd(Map<String, Object>... more) {
        List<Map<String, Object>> all = new java.util.ArrayList<>(fields());
        all.addAll(List.of(more));
        return all;
    }

    /** A connection of another identity (a second workspace at the provider) than the account's other ones. */
    private String importConnection(String account, String apiKey) {
        Reply imported = post("/v1/linked-accounts/" + account + "/connections", Map.of("connector", "chat", "credentials",
                Map.of("api_key", apiKey), "identifier", "team-of-" + apiKey), key);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        return (String) imported.get("id");
    }

    private static MutableHttpRequest<?> asAccount(MutableHttpRequest<?> request, String account) {
        return request.header("X-Linked-Account-Id", account);
    }

    @Test
    @SuppressWarnings("unchecked")
    void dynamic_options_of_a_multi_select_and_of_a_mapping_come_from_the_provider_and_their_values_save() {
        define(fieldsAnd(
                field("channels", "multi_select", "options_from", fromProvider("/channels.list", "/channels", "/name", "/id")),
                field("owner_map", "mapping", "sources", List.of(Map.of("key", "sales_rep", "label", "Sales rep")),
                        "options_from", fromProvider("/users.list?active=true", "/members", "/real_name", "/id", "search_param", "query"))));
        String session = session(connectedAccount("k-kinds"));
        provider.stubFor(WireMock.get(urlPathEqualTo("/api/channels.list")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"channels\": [{\"id\": \"C1\", \"name\": \"general\"}, {\"id\": \"C2\", \"name\": \"sales\"}]}")));
        provider.stubFor(WireMock.get(urlPathEqualTo("/api/users.list")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"members\": [{\"id\": \"U1\", \"real_name\": \"Ann\"}]}")));

        Reply channels = get("/v1/apps/chat/config/fields/channels/options", session);
        Reply owners = get("/v1/apps/chat/config/fields/owner_map/options?search=ann", session);

        assertThat(channels.status()).as(channels.text()).isEqualTo(200);
        assertThat(channels.list("data")).containsExactly(Map.of("label", "general", "value", "C1"), Map.of("label", "sales", "value", "C2"));
        assertThat(owners.status()).as(owners.text()).isEqualTo(200);
        assertThat(owners.list("data")).containsExactly(Map.of("label", "Ann", "value", "U1"));
        provider.verify(getRequestedFor(urlPathEqualTo("/api/users.list")).withQueryParam("active", equalTo("true"))
                .withQueryParam("query", equalTo("ann")).withHeader("X-Api-Key", equalTo("k-kinds")));
        Map<String, Object> values = valid();
        values.put("channels", List.of("C1", "C2"));
        values.put("owner_map", Map.of("sales_rep", "U1"));
        Reply saved = saveConfig(session, "default", values);
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(value(saved, "channels")).isEqualTo(List.of("C1", "C2"));
        assertThat((Map<String, Object>) value(saved, "owner_map")).containsEntry("sales_rep", "U1");
    }

    @Test
    void an_options_from_path_that_could_leave_the_api_base_is_refused_when_defined() {
        for (String path : List.of("/a/..;/admin", "/..;/admin", "/a/%2e%2e/admin", "/a/%2e%2e;x/admin", "/a%2f..%2fadmin")) {
            Reply reply = put("/v1/connectors/chat/config-fields", Map.of("fields", List.of(
                    field("pick", "select", "options_from", fromProvider(path, "/items", "/name", "/id")))), key);

            assertProblem(reply, 400, "validation_failed");
            assertThat(reply.errorFields()).as(path).containsExactly("fields[0].options_from.path");
        }
        assertThat(get("/v1/connectors/chat/config-fields", key).list("fields")).hasSize(9);
    }

    @Test
    void with_two_connections_to_the_app_options_come_from_the_named_one_else_the_newest() {
        String account = account();
        String first = importConnection(account, "k-first");
        importConnection(account, "k-second");
        String session = session(account);
        provider.stubFor(WireMock.get(urlPathEqualTo("/api/channels.list")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"channels\": [{\"id\": \"C1\", \"name\": \"general\"}]}")));

        Reply newest = get("/v1/apps/chat/config/fields/channel/options", session);
        assertThat(newest.status()).as(newest.text()).isEqualTo(200);
        provider.verify(1, getRequestedFor(urlPathEqualTo("/api/channels.list")).withHeader("X-Api-Key", equalTo("k-second")));

        Reply named = get("/v1/apps/chat/config/fields/channel/options?connection_id=" + first, session);
        assertThat(named.status()).as(named.text()).isEqualTo(200);
        provider.verify(1, getRequestedFor(urlPathEqualTo("/api/channels.list")).withHeader("X-Api-Key", equalTo("k-first")));

        assertProblem(get("/v1/apps/chat/config/fields/channel/options?connection_id=not-a-uuid", session), 400, "validation_failed");
        assertProblem(get("/v1/apps/chat/config/fields/channel/options?connection_id=" + java.util.UUID.randomUUID(), session), 404,
                "connection_not_found");
    }

    @Test
    void options_for_an_unknown_linked_account_are_a_404_even_static_ones() {
        Reply reply = call(asAccount(HttpRequest.GET("/v1/apps/chat/config/fields/sync_mode/options"), "nobody"), key);

        assertProblem(reply, 404, "linked_account_not_found");
    }

    @Test
    void another_workspace_s_api_key_gets_a_404_for_the_session_api_and_the_backend_api() {
        String owner = account();
        saveConfig(session(owner), "default", valid());
        String otherWorkspace = newWorkspaceKey();

        assertProblem(call(asAccount(HttpRequest.GET("/v1/apps/chat/config"), owner), otherWorkspace), 404, "linked_account_not_found");
        assertProblem(call(asAccount(HttpRequest.PUT("/v1/apps/chat/config", Map.of("values", valid())), owner), otherWorkspace), 404,
                "linked_account_not_found");
        assertProblem(call(asAccount(HttpRequest.DELETE("/v1/apps/chat/config"), owner), otherWorkspace), 404, "linked_account_not_found");
        assertProblem(call(asAccount(HttpRequest.GET("/v1/apps/chat/config/fields/sync_mode/options"), owner), otherWorkspace), 404,
                "linked_account_not_found");
        Map<String, Object> changed = valid();
        changed.put("channel", "C-other");
        assertProblem(put("/v1/linked-accounts/" + owner + "/configs/chat", Map.of("values", changed), otherWorkspace), 404,
                "linked_account_not_found");

        assertThat(value(get("/v1/linked-accounts/" + owner + "/configs/chat", key), "channel")).isEqualTo("C1");
    }

    @Test
    void a_nul_character_anywhere_in_a_value_or_a_definition_is_refused_not_a_server_error() {
        String session = session(account());

        Reply values = raw(io.micronaut.http.HttpMethod.PUT, "/v1/apps/chat/config", """
                {"values": {"channel": "C1", "prefix": "ab", "notify": "a\\u0000@example.com",
                            "tier_mapping": {"customer_tier": "gold\\u0000"}, "since": "\\u0000"}}""", "application/json", session);
        // Refused where every JSON body is read, before the config's own checks, each by its path.
        assertProblem(values, 400, "validation_failed");
        assertThat(values.errorFields()).containsExactlyInAnyOrder("values.notify", "values.tier_mapping.customer_tier", "values.since");
        assertThat(get("/v1/apps/chat/config", session).get("updated_at")).isNull();

        Reply definition = raw(io.micronaut.http.HttpMethod.PUT, "/v1/connectors/chat/config-fields", """
                {"fields": [{"key": "x", "label": "X\\u0000", "type": "text"}]}""", "application/json", key);
        assertProblem(definition, 400, "validation_failed");
    }

    @Test
    void an_unknown_key_is_refused_even_with_a_null_value() {
        Reply reply = raw(io.micronaut.http.HttpMethod.PUT, "/v1/apps/chat/config",
                "{\"values\": {\"channel\": \"C1\", \"zzz\": null}}", "application/json", session(account()));

        assertProblem(reply, 422, "invalid_config");
        assertThat(reply.errorFields()).containsExactly("zzz");
    }

    @Test
    void a_pattern_too_costly_to_check_is_a_field_error_and_a_null_enum_member_is_a_valid_schema() {
        List<Object> allowed = new java.util.ArrayList<>();
        allowed.add(null);
        allowed.add("a");
        define(fieldsAnd(field("notes", "textarea", "pattern", "(.*a){6}"),
                field("extra", "json", "schema", Map.of("enum", allowed))));
        Map<String, Object> values = valid();
        values.put("notes", "a".repeat(5_000) + "b");
        values.put("extra", "a");

        Reply reply = saveConfig(session(account()), "default", values);

        assertProblem(reply, 422, "invalid_config");
        assertThat(reply.errorFields()).containsExactly("notes");
        assertThat(reply.text()).contains("too costly to check");
    }

    @Test
    void a_secret_whose_field_stopped_being_secret_is_never_quoted_and_sending_the_mask_back_keeps_it() throws Exception {
        String account = account();
        String session = session(account);
        Map<String, Object> values = valid();
        values.put("signing_key", "whsec-XYZ-audit");
        assertThat(saveConfig(session, "default", values).status()).isEqualTo(200);
        List<Map<String, Object>> asSelect = new java.util.ArrayList<>(fields());
        asSelect.replaceAll(f -> f.get("key").equals("signing_key")
                ? field("signing_key", "select", "options", List.of(Map.of("label", "A", "value", "a"))) : f);
        define(asSelect);

        Reply read = get("/v1/apps/chat/config", session);
        assertThat(value(read, "signing_key")).isEqualTo("********");
        assertThat(read.list("field_errors")).extracting(e -> e.get("field")).containsExactly("signing_key");
        assertThat(read.text()).doesNotContain("whsec-XYZ-audit");
        values.put("signing_key", "********");
        Reply refused = saveConfig(session, "default", values);
        assertProblem(refused, 422, "invalid_config");
        assertThat(refused.text()).doesNotContain("whsec-XYZ-audit");

        List<Map<String, Object>> asText = new java.util.ArrayList<>(fields());
        asText.replaceAll(f -> f.get("key").equals("signing_key") ? field("signing_key", "text") : f);
        define(asText);
        values.put("batch_size", 9);
        Reply kept = saveConfig(session, "default", values);
        assertThat(kept.status()).as(kept.text()).isEqualTo(200);
        assertThat(value(kept, "signing_key")).isEqualTo("********");
        define(fields());
        try (Connection db = db(); Statement s = db.createStatement();
             ResultSet rows = s.executeQuery("SELECT plain_values::text FROM config_values")) {
            while (rows.next()) {
                assertThat(rows.getString(1)).doesNotContain("whsec-XYZ-audit", "\"signing_key\": \"********\"");
            }
        }
        Map<String, Object> sameAgain = valid();
        sameAgain.put("signing_key", "********");
        sameAgain.put("batch_size", 9);
        assertThat(saveConfig(session, "default", sameAgain).status()).as("the secret is still there to keep").isEqualTo(200);
    }

    @Test
    void deleting_a_config_emits_config_updated_with_the_keys_that_had_values() throws Exception {
        String account = account();
        String session = session(account);
        saveConfig(session, "default", valid());

        assertThat(delete("/v1/apps/chat/config", session).status()).isEqualTo(204);
        assertThat(delete("/v1/apps/chat/config", session).status()).isEqualTo(204);

        try (Connection db = db(); Statement s = db.createStatement();
             ResultSet rows = s.executeQuery("SELECT payload::text FROM webhook_events WHERE type = 'config.updated' "
                     + "AND payload->>'linked_account_id' = '" + account + "' AND payload->>'deleted' = 'true'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).contains("batch_size", "channel", "prefix", "sync_mode", "tier_mapping").doesNotContain("gold", "C1");
            assertThat(rows.next()).as("deleting nothing emits nothing").isFalse();
        }
    }
}
