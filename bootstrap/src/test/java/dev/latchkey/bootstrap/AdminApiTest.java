package dev.latchkey.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's endpoints: a new workspace and its keys without touching the database. */
@MicronautTest(transactional = false)
class AdminApiTest extends ApiTest {

    private static final String WORKSPACES = "/admin/v1/workspaces";
    private static final String RFC_3339_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

    @Test
    void creating_a_workspace_answers_201_with_it_and_its_first_key_shown_once() {
        Reply created = post(WORKSPACES, Map.of("name", "acme", "environment", "live"), ADMIN_TOKEN);

        assertThat(created.status()).isEqualTo(201);
        Map<String, Object> workspace = map(created.get("workspace"));
        Map<String, Object> apiKey = map(created.get("api_key"));
        assertThat(workspace).containsOnlyKeys("id", "name", "environment", "created_at")
                .containsEntry("name", "acme").containsEntry("environment", "live");
        assertThat(UUID.fromString((String) workspace.get("id"))).isNotNull();
        assertThat((String) workspace.get("created_at")).matches(RFC_3339_UTC);
        assertThat(apiKey).containsKeys("id", "key", "hint", "workspace_id", "created_at").containsEntry("workspace_id", workspace.get("id"));
        String key = (String) apiKey.get("key");
        assertThat(key).startsWith("lk_live_").hasSizeGreaterThanOrEqualTo("lk_live_".length() + 43);
        assertThat(key).startsWith(((String) apiKey.get("hint")).replace("…", ""));
        assertThat((String) apiKey.get("hint")).doesNotContain(key.substring(16));

        Reply accounts = get("/v1/linked-accounts", key);
        assertThat(accounts.status()).as("the new key works").isEqualTo(200);
        assertThat(accounts.body()).containsEntry("data", List.of()).containsEntry("next_cursor", null);
    }

    @Test
    void a_workspace_s_environment_is_test_unless_said_otherwise() {
        Reply created = post(WORKSPACES, Map.of("name", unique("plain")), ADMIN_TOKEN);

        assertThat(created.status()).isEqualTo(201);
        assertThat(map(created.get("workspace")).get("environment")).isEqualTo("test");
        assertThat((String) map(created.get("api_key")).get("key")).startsWith("lk_test_");
    }

    @Test
    void a_new_workspace_sees_nothing_of_the_others() {
        String other = newWorkspaceKey();
        post("/v1/linked-accounts", Map.of("id", "cust-of-other"), other);

        String key = newKey(unique("fresh"));

        assertThat(get("/v1/linked-accounts", key).list("data")).isEmpty();
        assertThat(get("/v1/linked-accounts/cust-of-other", key).status()).isEqualTo(404);
    }

    @Test
    void a_taken_name_is_409_workspace_exists() {
        String name = unique("dup");
        post(WORKSPACES, Map.of("name", name), ADMIN_TOKEN);

        assertProblem(post(WORKSPACES, Map.of("name", name), ADMIN_TOKEN), 409, "workspace_exists");
        assertProblem(post(WORKSPACES, Map.of("name", name, "environment", "live"), ADMIN_TOKEN), 409, "workspace_exists");
    }

    @Test
    void a_bad_name_or_environment_is_400_naming_the_field() {
        Reply badName = post(WORKSPACES, Map.of("name", "Acme Corp"), ADMIN_TOKEN);
        assertProblem(badName, 400, "validation_failed");
        assertThat(badName.errorFields()).containsExactly("name");

        Reply badEnvironment = post(WORKSPACES, Map.of("name", unique("env"), "environment", "prod"), ADMIN_TOKEN);
        assertProblem(badEnvironment, 400, "validation_failed");
        assertThat(badEnvironment.errorFields()).containsExactly("environment");

        Reply both = post(WORKSPACES, Map.of("name", "-x", "environment", "LIVE", "region", "eu"), ADMIN_TOKEN);
        assertThat(both.errorFields()).containsExactlyInAnyOrder("name", "environment", "region");

        assertThat(post(WORKSPACES, Map.of(), ADMIN_TOKEN).errorFields()).containsExactly("name");
        assertThat(post(WORKSPACES, Map.of("name", 7), ADMIN_TOKEN).errorFields()).containsExactly("name");
    }

    @Test
    void the_list_shows_every_workspace_as_it_was_created() {
        Reply created = post(WORKSPACES, Map.of("name", unique("listed"), "environment", "live"), ADMIN_TOKEN);

        Reply list = get(WORKSPACES, ADMIN_TOKEN);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.list("data")).contains(map(created.get("workspace")));
        assertThat(list.text()).doesNotContain((String) map(created.get("api_key")).get("key"));
    }

    @Test
    void a_second_key_for_a_workspace_is_201_and_both_keys_reach_the_same_workspace() {
        Reply created = post(WORKSPACES, Map.of("name", unique("rotate")), ADMIN_TOKEN);
        String workspaceId = (String) map(created.get("workspace")).get("id");
        String first = (String) map(created.get("api_key")).get("key");

        Reply second = post(WORKSPACES + "/" + workspaceId + "/api-keys", ADMIN_TOKEN);

        assertThat(second.status()).isEqualTo(201);
        assertThat(second.get("workspace_id")).isEqualTo(workspaceId);
        String secondKey = (String) second.get("key");
        assertThat(secondKey).startsWith("lk_test_").isNotEqualTo(first);
        assertThat(second.get("id")).isNotEqualTo(map(created.get("api_key")).get("id"));
        assertThat(post("/v1/linked-accounts", Map.of("id", "made-with-first"), first).status()).isEqualTo(201);
        assertThat(get("/v1/linked-accounts/made-with-first", secondKey).status()).isEqualTo(200);
    }

    @Test
    void a_key_for_an_unknown_workspace_is_404_workspace_not_found() {
        assertProblem(post(WORKSPACES + "/" + UUID.randomUUID() + "/api-keys", ADMIN_TOKEN), 404, "workspace_not_found");
    }

    @Test
    void a_key_for_a_malformed_workspace_id_is_400_naming_id() {
        for (String id : List.of("not-a-uuid", "1234", "1-1-1-1-1", UUID.randomUUID() + "0")) {
            Reply reply = post(WORKSPACES + "/" + id + "/api-keys", ADMIN_TOKEN);

            assertProblem(reply, 400, "validation_failed");
            assertThat(reply.errorFields()).as("id %s", id).containsExactly("id");
        }
    }

    @Test
    void a_wrong_or_missing_admin_token_is_401() {
        for (String token : List.of(ADMIN_TOKEN + "x", ADMIN_TOKEN.substring(1), "admin")) {
            assertProblem(get(WORKSPACES, token), 401, "unauthorized");
            assertProblem(post(WORKSPACES, Map.of("name", unique("nope")), token), 401, "unauthorized");
        }
        assertProblem(get(WORKSPACES, null), 401, "unauthorized");
    }

    @Test
    void an_api_key_or_a_session_token_on_the_admin_endpoints_is_403_and_creates_nothing() {
        String key = newWorkspaceKey();
        post("/v1/linked-accounts", Map.of("id", "cust-1"), key);
        String token = (String) post("/v1/session-tokens", Map.of("linked_account_id", "cust-1"), key).get("token");
        String name = unique("sneaky");

        for (String bearer : List.of(key, token)) {
            Reply reply = post(WORKSPACES, Map.of("name", name), bearer);
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(get(WORKSPACES, bearer).status()).isEqualTo(403);
        }
        assertThat(get(WORKSPACES, ADMIN_TOKEN).list("data")).extracting(w -> w.get("name")).doesNotContain(name);
    }

    @Test
    void the_admin_endpoints_refuse_api_keys_and_session_tokens_without_pointing_to_the_wrong_credential() {
        String key = newWorkspaceKey();
        post("/v1/linked-accounts", Map.of("id", "cust-1"), key);
        String token = (String) post("/v1/session-tokens", Map.of("linked_account_id", "cust-1"), key).get("token");

        Reply withKey = get(WORKSPACES, key);
        assertThat(withKey.status()).isEqualTo(403);
        assertThat(withKey.get("code")).isNotEqualTo("session_token_required");
        assertThat((String) withKey.get("detail")).doesNotContainIgnoringCase("session token");

        Reply withToken = get(WORKSPACES, token);
        assertThat(withToken.status()).isEqualTo(403);
        assertThat((String) withToken.get("detail")).doesNotContainIgnoringCase("API key");
    }

    @Test
    void the_admin_token_opens_no_workspace_s_endpoints() {
        assertThat(get("/v1/linked-accounts", ADMIN_TOKEN).status()).isEqualTo(403);
        assertThat(post("/v1/linked-accounts", Map.of("id", "by-admin"), ADMIN_TOKEN).status()).isEqualTo(403);
        assertThat(get("/v1/session", ADMIN_TOKEN).status()).isEqualTo(403);
    }

    private String newKey(String name) {
        Reply created = post(WORKSPACES, Map.of("name", name), ADMIN_TOKEN);
        assertThat(created.status()).isEqualTo(201);
        return (String) map(created.get("api_key")).get("key");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
