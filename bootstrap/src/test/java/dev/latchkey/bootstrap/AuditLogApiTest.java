package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.CreateWorkspaceCommand;
import dev.latchkey.application.port.in.WorkspaceWithKey;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.WorkspaceName;
import dev.latchkey.adapters.web.audit.OperationIds;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log end to end: changes made with an API key, a session token and the admin token each
 * appear once, with the actor (a key by its hint), the operation, the target, the outcome, the client's
 * address behind a trusted proxy and the request id; reads are not recorded, nor an idempotent replay;
 * another workspace sees none of it; the JSON-lines export parses line by line; no secret appears.
 */
@MicronautTest(transactional = false)
class AuditLogApiTest extends ApiTest {
    private static final String CLIENT = "198.51.100.23";
    private String key;
    private String keyHint;
    private String workspaceId;

    @Inject
    Router router;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("latchkey.trusted-proxies", "127.0.0.1, ::1");
        return properties;
    }

    @BeforeAll
    void setUp() {
        WorkspaceWithKey made = createWorkspace.create(new CreateWorkspaceCommand(new WorkspaceName("audit-log-api-test"), Environment.TEST));
        key = made.secret().reveal();
        TestSecrets.register(key);
        keyHint = key.substring(0, "lk_test_".length() + 4) + "…";
        workspaceId = made.workspace().id().toString();
    }

    /** A change sent through a proxy at 127.0.0.1 for {@link #CLIENT}, with a request id of the test's choosing. */
    private Reply change(HttpRequest<?> request, String bearer, String requestId) {
        var sent = HttpRequest.create(request.getMethod(), request.getUri().toString())
                .header("X-Forwarded-For", CLIENT).header("X-Request-Id", requestId);
        request.getBody().ifPresent(body -> sent.body(body).contentType(MediaType.APPLICATION_JSON_TYPE));
        return call(sent, bearer);
    }

    private List<Map<String, Object>> audit(String query, String bearer) {
        Reply reply = get("/v1/audit" + query, bearer);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.list("data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void each_change_appears_once_with_its_actor_action_target_outcome_address_and_request_id() {
        Reply account = change(HttpRequest.POST("/v1/linked-accounts", Map.of("id", "aud-1", "name", "Audited")), key, "req-create-account");
        assertThat(account.status()).as(account.text()).isEqualTo(201);
        Reply webhook = change(HttpRequest.POST("/v1/webhooks", Map.of("url", "http://127.0.0.1:9/latchkey",
                "events", List.of("connection.created"))), key, "req-create-webhook");
        assertThat(webhook.status()).as(webhook.text()).isEqualTo(201);
        String webhookId = (String) webhook.get("id");
        String webhookSecret = (String) webhook.get("secret");
        assertThat(change(HttpRequest.DELETE("/v1/webhooks/" + webhookId), key, "req-delete-webhook").status()).isEqualTo(204);
        String missing = UUID.randomUUID().toString();
        assertThat(change(HttpRequest.DELETE("/v1/webhooks/" + missing), key, "req-delete-missing").status()).isEqualTo(404);
        assertThat(get("/v1/linked-accounts/aud-1", key).status()).isEqualTo(200); // a read: not recorded

        List<Map<String, Object>> entries = audit("", key);

        assertThat(entries).extracting(e -> e.get("request_id"))
                .containsSubsequence("req-delete-missing", "req-delete-webhook", "req-create-webhook", "req-create-account")
                .doesNotHaveDuplicates();
        Map<String, Object> created = only(entries, "req-create-account");
        assertThat(created).containsEntry("action", "createLinkedAccount").containsEntry("status", 201).containsEntry("outcome", "succeeded")
                .containsEntry("client_address", CLIENT).containsEntry("workspace_id", workspaceId);
        assertThat(map(created.get("actor"))).containsEntry("type", "api_key").containsEntry("label", keyHint);
        assertThat(map(created.get("target"))).containsEntry("path", "/v1/linked-accounts")
                .containsEntry("ids", Map.of("created_id", "aud-1"));
        assertThat(map(only(entries, "req-create-webhook").get("target")).get("ids")).isEqualTo(Map.of("created_id", webhookId));
        Map<String, Object> deleted = only(entries, "req-delete-webhook");
        assertThat(deleted).containsEntry("action", "deleteWebhook").containsEntry("status", 204).containsEntry("outcome", "succeeded");
        assertThat(map(deleted.get("target"))).containsEntry("path", "/v1/webhooks/" + webhookId).containsEntry("ids", Map.of("id", webhookId));
        assertThat(only(entries, "req-delete-missing")).containsEntry("action", "deleteWebhook").containsEntry("status", 404)
                .containsEntry("outcome", "refused");
        assertThat(audit("?action=deleteWebhook&outcome=refused", key)).extracting(e -> e.get("request_id")).containsExactly("req-delete-missing");

        assertThat(get("/v1/audit", key).text()).doesNotContain(webhookSecret).doesNotContain(key);
    }

    @Test
    void a_session_tokens_change_names_its_linked_account_and_the_operators_names_no_one_but_never_a_secret() {
        assertThat(post("/v1/linked-accounts", Map.of("id", "aud-session"), key).status()).isEqualTo(201);
        String session = (String) post("/v1/session-tokens", Map.of("linked_account_id", "aud-session"), key).get("token");
        Reply disconnect = change(HttpRequest.DELETE("/v1/apps/nothing-here/connections/" + UUID.randomUUID()), session, "req-session");
        assertThat(disconnect.status()).isEqualTo(404);
        Reply issued = change(HttpRequest.create(io.micronaut.http.HttpMethod.POST, "/admin/v1/workspaces/" + workspaceId + "/api-keys"), ADMIN_TOKEN, "req-operator");
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        String newKey = (String) issued.get("key");

        Map<String, Object> bySession = only(audit("?actor=session:aud-session", key), "req-session");
        assertThat(bySession).containsEntry("action", "disconnectApp").containsEntry("outcome", "refused");
        assertThat(map(bySession.get("actor"))).containsEntry("type", "session").containsEntry("id", "aud-session");
        List<Map<String, Object>> byOperator = audit("?actor=operator", key);
        assertThat(byOperator).extracting(e -> e.get("request_id")).containsExactly("req-operator");
        assertThat(byOperator.get(0)).containsEntry("action", "createApiKey").containsEntry("client_address", CLIENT);
        assertThat(map(byOperator.get(0).get("target")).get("ids")).isEqualTo(Map.of("id", workspaceId, "created_id", issued.get("id")));
        assertThat(audit("?actor=api_key", key)).extracting(e -> e.get("action")).contains("mintSessionToken");

        String everything = get("/v1/audit?limit=200", key).text() + get("/admin/v1/audit?limit=200", ADMIN_TOKEN).text();
        assertThat(everything).doesNotContain(newKey).doesNotContain(session).doesNotContain(ADMIN_TOKEN).doesNotContain(key);
    }

    @Test
    void a_workspace_the_operator_creates_has_the_creation_as_its_first_entry_without_its_key() {
        Reply made = change(HttpRequest.POST("/admin/v1/workspaces", Map.of("name", "audited-new", "environment", "test")),
                ADMIN_TOKEN, "req-new-workspace");
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String id = (String) map(made.get("workspace")).get("id");
        String firstKey = (String) map(made.get("api_key")).get("key");

        Reply entries = get("/admin/v1/audit?workspace_id=" + id, ADMIN_TOKEN);

        assertThat(entries.list("data")).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("action", "createWorkspace").containsEntry("workspace_id", id)
                    .containsEntry("status", 201).containsEntry("request_id", "req-new-workspace");
            assertThat(map(entry.get("actor"))).containsEntry("type", "operator");
            assertThat(map(entry.get("target")).get("ids")).isEqualTo(Map.of("created_id", id));
        });
        assertThat(entries.text()).doesNotContain(firstKey);
        assertThat(audit("", firstKey)).extracting(e -> e.get("action")).containsExactly("createWorkspace");
    }

    @Test
    void an_idempotent_replay_is_not_recorded_again() {
        for (int i = 1; i <= 2; i++) {
            Reply created = call(HttpRequest.POST("/v1/linked-accounts", Map.of("id", "aud-idem")).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header("Idempotency-Key", "aud-idem-1").header("X-Request-Id", "req-idem-" + i), key);
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.headers().contains("Idempotent-Replayed")).isEqualTo(i == 2);
        }

        assertThat(audit("?action=createLinkedAccount&limit=200", key)).extracting(e -> e.get("request_id"))
                .contains("req-idem-1").doesNotContain("req-idem-2");
    }

    @Test
    void another_workspace_sees_none_of_it_and_the_operator_sees_every_workspace() {
        assertThat(post("/v1/linked-accounts", Map.of("id", "aud-mine"), key).status()).isEqualTo(201);
        String other = newWorkspaceKey();

        assertThat(audit("", other)).isEmpty();
        Reply nothing = get("/v1/audit/export", other);
        assertThat(nothing.status()).isEqualTo(204);
        assertThat(nothing.text()).isEmpty();
        Reply admin = get("/admin/v1/audit?workspace_id=" + workspaceId + "&action=createLinkedAccount", ADMIN_TOKEN);
        assertThat(admin.status()).as(admin.text()).isEqualTo(200);
        assertThat(admin.list("data")).isNotEmpty().allSatisfy(e -> assertThat(e).containsEntry("workspace_id", workspaceId));
    }

    @Test
    void the_export_is_json_lines_that_parse_one_by_one_and_pages_with_the_next_cursor_header() {
        for (int i = 0; i < 3; i++) {
            assertThat(post("/v1/linked-accounts", Map.of("id", "aud-export-" + i), key).status()).isEqualTo(201);
        }
        List<Map<String, Object>> listed = audit("?limit=200", key);

        List<Map<String, Object>> exported = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = get("/v1/audit/export?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
            List<String> lines = page.text().lines().toList();
            assertThat(lines).hasSizeLessThanOrEqualTo(2).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
            for (String line : lines) {
                exported.add(parse(line));
            }
            cursor = page.headers().get("Next-Cursor");
            pages++;
        } while (cursor != null && pages < 100);

        assertThat(exported).isEqualTo(listed);
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertProblem(get("/v1/audit/export?limit=1001", key), 400, "validation_failed");
        Reply bad = get("/v1/audit?actor=robot&outcome=maybe&since=yesterday", key);
        assertProblem(bad, 400, "validation_failed");
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("actor", "outcome", "since");
    }

    @Test
    void every_route_that_changes_something_is_named_by_its_operation_id_in_the_document() {
        OperationIds ids = OperationIds.load(getClass().getClassLoader());

        List<String> unnamed = router.uriRoutes()
                .filter(route -> Set.of("POST", "PUT", "PATCH", "DELETE").contains(route.getHttpMethodName()))
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString())
                .filter(route -> route.contains(" /v1/") || route.contains(" /admin/v1/"))
                .filter(route -> ids.of(route.substring(0, route.indexOf(' ')), route.substring(route.indexOf(' ') + 1)).isEmpty())
                .toList();

        assertThat(unnamed).isEmpty();
        assertThat(ids.of("PUT", "/v1/apps/{slug}/config{?config_id}")).contains("saveAppConfig");
        assertThat(ids.of("POST", "/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver")).contains("redeliverWebhookDelivery");
    }

    private Map<String, Object> parse(String line) {
        try {
            return json.readValue(line, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> only(List<Map<String, Object>> entries, String requestId) {
        List<Map<String, Object>> found = entries.stream().filter(e -> requestId.equals(e.get("request_id"))).toList();
        assertThat(found).as("entries with request id %s", requestId).hasSize(1);
        return found.get(0);
    }
}
