package dev.latchkey.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class LinkedAccountApiTest extends ApiTest {

    private String key;

    @BeforeAll
    void workspace() {
        key = newWorkspaceKey();
    }

    @Test
    void create_answers_201_with_the_account_and_its_location() {
        Reply reply = post("/v1/linked-accounts", Map.of("id", "cust-42", "name", "Acme Inc", "metadata", Map.of("plan", "pro")), key);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.headers().get("Location")).isEqualTo("/v1/linked-accounts/cust-42");
        assertThat(reply.get("id")).isEqualTo("cust-42");
        assertThat(reply.get("name")).isEqualTo("Acme Inc");
        assertThat(reply.get("metadata")).isEqualTo(Map.of("plan", "pro"));
        assertThat((String) reply.get("created_at")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(reply.get("updated_at")).isEqualTo(reply.get("created_at"));

        Reply read = get("/v1/linked-accounts/cust-42", key);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(reply.body());
    }

    @Test
    void an_account_without_name_or_metadata_has_null_name_and_empty_metadata() {
        Reply reply = post("/v1/linked-accounts", Map.of("id", "bare@example.com"), key);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body()).containsEntry("name", null).containsEntry("metadata", Map.of());
    }

    @Test
    void the_same_id_twice_is_409_linked_account_exists_and_the_first_is_kept() {
        post("/v1/linked-accounts", Map.of("id", "cust-dup", "name", "First"), key);
        Reply second = post("/v1/linked-accounts", Map.of("id", "cust-dup", "name", "Second"), key);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.get("code")).isEqualTo("linked_account_exists");
        assertThat(second.contentType()).contains("application/problem+json");
        assertThat(get("/v1/linked-accounts/cust-dup", key).get("name")).isEqualTo("First");
    }

    @Test
    void put_creates_with_201_then_replaces_with_200_keeping_created_at() {
        Reply created = put("/v1/linked-accounts/cust-put", Map.of("name", "One", "metadata", Map.of("a", 1)), key);
        Reply replaced = put("/v1/linked-accounts/cust-put", Map.of("id", "cust-put", "name", "Two"), key);

        assertThat(created.status()).isEqualTo(201);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.get("name")).isEqualTo("Two");
        assertThat(replaced.get("metadata")).isEqualTo(Map.of());
        assertThat(replaced.get("created_at")).isEqualTo(created.get("created_at"));
    }

    @Test
    void put_with_a_different_id_in_the_body_is_refused() {
        Reply reply = put("/v1/linked-accounts/cust-a", Map.of("id", "cust-b"), key);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("id");
        assertThat(get("/v1/linked-accounts/cust-a", key).status()).isEqualTo(404);
    }

    @Test
    void patch_changes_only_what_it_names_and_null_clears_the_name() {
        post("/v1/linked-accounts", Map.of("id", "cust-patch", "name", "Before", "metadata", Map.of("x", 1)), key);

        Reply metadataOnly = patch("/v1/linked-accounts/cust-patch", Map.of("metadata", Map.of("y", 2)), key);
        assertThat(metadataOnly.get("name")).isEqualTo("Before");
        assertThat(metadataOnly.get("metadata")).isEqualTo(Map.of("y", 2));

        Map<String, Object> clearName = new HashMap<>();
        clearName.put("name", null);
        Reply cleared = patch("/v1/linked-accounts/cust-patch", clearName, key);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.get("name")).isNull();
        assertThat(cleared.get("metadata")).isEqualTo(Map.of("y", 2));
    }

    @Test
    void patch_of_an_unknown_account_is_404_and_creates_nothing() {
        Reply reply = patch("/v1/linked-accounts/nobody-here", Map.of("name", "X"), key);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.get("code")).isEqualTo("linked_account_not_found");
        assertThat(get("/v1/linked-accounts/nobody-here", key).status()).isEqualTo(404);
    }

    @Test
    void delete_answers_204_and_the_account_is_gone() {
        post("/v1/linked-accounts", Map.of("id", "cust-gone"), key);

        assertThat(delete("/v1/linked-accounts/cust-gone", key).status()).isEqualTo(204);
        assertThat(get("/v1/linked-accounts/cust-gone", key).status()).isEqualTo(404);
        assertThat(delete("/v1/linked-accounts/cust-gone", key).get("code")).isEqualTo("linked_account_not_found");
    }

    @Test
    void listing_pages_through_every_account_in_id_order_with_a_cursor_that_survives_inserts() {
        String own = newWorkspaceKey();
        for (int i = 0; i < 7; i++) {
            post("/v1/linked-accounts", Map.of("id", "acct-" + i), own);
        }
        List<Object> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = get("/v1/linked-accounts?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), own);
            assertThat(page.status()).isEqualTo(200);
            page.list("data").forEach(a -> seen.add(a.get("id")));
            cursor = (String) page.get("next_cursor");
            if (++pages == 1) {
                post("/v1/linked-accounts", Map.of("id", "acct-9"), own);
            }
        } while (cursor != null);

        assertThat(seen).containsExactly("acct-0", "acct-1", "acct-2", "acct-3", "acct-4", "acct-5", "acct-6", "acct-9");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void the_last_page_says_next_cursor_null() {
        String own = newWorkspaceKey();
        Reply empty = get("/v1/linked-accounts", own);

        assertThat(empty.body()).containsEntry("data", List.of()).containsEntry("next_cursor", null);
    }

    @Test
    void search_finds_accounts_by_a_prefix_of_id_or_name() {
        String own = newWorkspaceKey();
        post("/v1/linked-accounts", Map.of("id", "org-1", "name", "Umbrella"), own);
        post("/v1/linked-accounts", Map.of("id", "org-2", "name", "Initech"), own);
        post("/v1/linked-accounts", Map.of("id", "zzz", "name", "umbrella east"), own);

        Reply byName = get("/v1/linked-accounts?search=umb", own);
        Reply byId = get("/v1/linked-accounts?search=org-", own);

        assertThat(byName.list("data")).extracting(a -> a.get("id")).containsExactly("org-1", "zzz");
        assertThat(byId.list("data")).extracting(a -> a.get("id")).containsExactly("org-1", "org-2");
    }

    @Test
    void a_limit_outside_1_to_200_or_not_a_number_is_refused_naming_the_field() {
        for (String limit : List.of("0", "201", "abc", "-1", "1.5")) {
            Reply reply = get("/v1/linked-accounts?limit=" + limit, key);
            assertThat(reply.status()).as("limit=" + limit).isEqualTo(400);
            assertThat(reply.errorFields()).containsExactly("limit");
        }
        assertThat(get("/v1/linked-accounts?limit=200", key).status()).isEqualTo(200);
    }

    @Test
    void a_cursor_that_was_not_returned_by_the_api_is_refused() {
        Reply reply = get("/v1/linked-accounts?cursor=%25%25%25", key);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("cursor");
    }
}
