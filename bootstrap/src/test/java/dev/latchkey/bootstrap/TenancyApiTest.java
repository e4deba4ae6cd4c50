package dev.latchkey.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Two workspaces on one service: everything of A is a 404 to B's key, never a 403, never a leak. */
@MicronautTest(transactional = false)
class TenancyApiTest extends ApiTest {

    private static final String ACCOUNTS = "/v1/linked-accounts";

    private String keyA;
    private String keyB;

    @BeforeAll
    void workspaces() {
        keyA = newWorkspaceKey();
        keyB = newWorkspaceKey();
    }

    @Test
    void another_workspace_s_account_is_404_to_get_patch_and_delete_and_is_left_unchanged() {
        String id = accountOfA();
        Reply before = get(ACCOUNTS + "/" + id, keyA);

        assertProblem(get(ACCOUNTS + "/" + id, keyB), 404, "linked_account_not_found");
        assertProblem(patch(ACCOUNTS + "/" + id, Map.of("name", "Taken over"), keyB), 404, "linked_account_not_found");
        assertProblem(delete(ACCOUNTS + "/" + id, keyB), 404, "linked_account_not_found");

        Reply after = get(ACCOUNTS + "/" + id, keyA);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(before.body());
    }

    @Test
    void the_404_for_another_workspace_s_account_is_the_same_as_for_an_account_that_does_not_exist() {
        String id = accountOfA();

        Reply foreign = get(ACCOUNTS + "/" + id, keyB);
        Reply missing = get(ACCOUNTS + "/" + id + "-missing", keyB);

        assertThat(foreign.status()).isEqualTo(missing.status());
        assertThat(foreign.get("code")).isEqualTo(missing.get("code"));
        assertThat(foreign.text()).doesNotContain("Acme of A");
    }

    @Test
    void listing_with_another_workspace_s_key_shows_none_of_a_s_accounts_even_when_searching() {
        String id = accountOfA();
        String ownOfB = "b-" + UUID.randomUUID();
        post(ACCOUNTS, Map.of("id", ownOfB, "name", "Acme of B"), keyB);

        Reply all = get(ACCOUNTS + "?limit=200", keyB);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.list("data")).extracting(a -> a.get("id")).contains(ownOfB).doesNotContain(id);
        assertThat(all.text()).doesNotContain("Acme of A");

        assertThat(get(ACCOUNTS + "?search=" + id, keyB).list("data")).isEmpty();
        assertThat(get(ACCOUNTS + "?search=Acme", keyB).list("data")).extracting(a -> a.get("id")).contains(ownOfB).doesNotContain(id);
        assertThat(get(ACCOUNTS + "?search=" + id, keyA).list("data")).extracting(a -> a.get("id")).containsExactly(id);
    }

    @Test
    void minting_a_session_token_for_another_workspace_s_account_is_404() {
        String id = accountOfA();

        assertProblem(post("/v1/session-tokens", Map.of("linked_account_id", id), keyB), 404, "linked_account_not_found");
    }

    @Test
    void revoking_another_workspace_s_session_token_is_404_and_the_token_keeps_working() {
        String token = tokenOfA(accountOfA());

        assertProblem(post("/v1/session-tokens/revoke", Map.of("token", token), keyB), 404, "session_token_not_found");

        assertThat(get("/v1/session", token).status()).isEqualTo(200);
    }

    @Test
    void put_with_another_workspace_s_key_on_a_s_id_creates_b_s_own_account_and_a_s_is_unchanged() {
        String id = accountOfA();
        Reply before = get(ACCOUNTS + "/" + id, keyA);

        Reply created = put(ACCOUNTS + "/" + id, Map.of("name", "Acme of B", "metadata", Map.of("owner", "b")), keyB);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.get("name")).isEqualTo("Acme of B");
        assertThat(get(ACCOUNTS + "/" + id, keyB).get("metadata")).isEqualTo(Map.of("owner", "b"));
        assertThat(get(ACCOUNTS + "/" + id, keyA).body()).isEqualTo(before.body());

        assertThat(delete(ACCOUNTS + "/" + id, keyB).status()).isEqualTo(204);
        assertThat(get(ACCOUNTS + "/" + id, keyA).body()).isEqualTo(before.body());
    }

    @Test
    void the_same_id_can_be_created_by_each_workspace() {
        String id = "shared-" + UUID.randomUUID();

        assertThat(post(ACCOUNTS, Map.of("id", id, "name", "A"), keyA).status()).isEqualTo(201);
        assertThat(post(ACCOUNTS, Map.of("id", id, "name", "B"), keyB).status()).isEqualTo(201);

        assertThat(get(ACCOUNTS + "/" + id, keyA).get("name")).isEqualTo("A");
        assertThat(get(ACCOUNTS + "/" + id, keyB).get("name")).isEqualTo("B");
    }

    @Test
    void a_session_token_reaches_only_its_own_linked_account() {
        String id = "shared-" + UUID.randomUUID();
        post(ACCOUNTS, Map.of("id", id), keyA);
        post(ACCOUNTS, Map.of("id", id), keyB);
        String otherOfA = accountOfA();
        String tokenOfA = tokenOfA(id);

        Reply session = get("/v1/session", tokenOfA);
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.get("linked_account_id")).isEqualTo(id);
        assertProblem(get(ACCOUNTS + "/" + otherOfA, tokenOfA), 403, "forbidden_for_session_token");
        assertProblem(get(ACCOUNTS + "/" + id, tokenOfA), 403, "forbidden_for_session_token");

        assertThat(delete(ACCOUNTS + "/" + id, keyB).status()).as("B deletes its own account of the same id").isEqualTo(204);
        assertThat(get("/v1/session", tokenOfA).status()).as("A's token is bound to A's account").isEqualTo(200);
        assertThat(get(ACCOUNTS + "/" + id, keyA).status()).isEqualTo(200);
    }

    @Test
    void one_workspace_s_token_survives_the_other_workspace_revoking_its_own_tokens() {
        String id = "shared-" + UUID.randomUUID();
        post(ACCOUNTS, Map.of("id", id), keyA);
        post(ACCOUNTS, Map.of("id", id), keyB);
        String tokenOfA = tokenOfA(id);
        String tokenOfB = (String) post("/v1/session-tokens", Map.of("linked_account_id", id), keyB).get("token");

        assertThat(post("/v1/session-tokens/revoke", Map.of("token", tokenOfB), keyB).status()).isEqualTo(204);

        assertThat(get("/v1/session", tokenOfB).status()).isEqualTo(401);
        assertThat(get("/v1/session", tokenOfA).status()).isEqualTo(200);
    }

    private String accountOfA() {
        String id = "a-" + UUID.randomUUID();
        Reply created = post(ACCOUNTS, Map.of("id", id, "name", "Acme of A", "metadata", Map.of("owner", "a")), keyA);
        assertThat(created.status()).isEqualTo(201);
        return id;
    }

    private String tokenOfA(String id) {
        Reply minted = post("/v1/session-tokens", Map.of("linked_account_id", id), keyA);
        assertThat(minted.status()).isEqualTo(201);
        return (String) minted.get("token");
    }
}
