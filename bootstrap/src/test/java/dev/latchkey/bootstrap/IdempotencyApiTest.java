package dev.latchkey.bootstrap;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key on the POSTs that create: a retry gets the first answer and creates nothing. */
@MicronautTest(transactional = false)
class IdempotencyApiTest extends ApiTest {

    private static final String ACCOUNTS = "/v1/linked-accounts";
    private static final String KEY_HEADER = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";

    @Inject
    FailingCreateController failing;

    private String key;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(FailingCreateController.ENABLED, "true");
        return properties;
    }

    @BeforeAll
    void workspace() {
        key = newWorkspaceKey();
    }

    private Reply post(String uri, Object body, String bearer, String idempotencyKey) {
        MutableHttpRequest<?> request = HttpRequest.POST(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE);
        if (idempotencyKey != null) {
            request.header(KEY_HEADER, idempotencyKey);
        }
        return call(request, bearer);
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private static String newId() {
        return "cust-" + UUID.randomUUID();
    }

    private int accountsNamed(String id, String bearer) {
        return get(ACCOUNTS + "?search=" + id, bearer).list("data").size();
    }

    @Test
    void the_same_key_and_body_get_the_first_answer_and_create_one_linked_account() {
        String id = newId();
        String idempotencyKey = newKey();

        Reply first = post(ACCOUNTS, Map.of("id", id, "name", "Acme"), key, idempotencyKey);
        Reply retry = post(ACCOUNTS, Map.of("id", id, "name", "Acme"), key, idempotencyKey);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.headers().get(REPLAYED)).isNull();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(retry.contentType()).isEqualTo(first.contentType());
        assertThat(retry.headers().get("Location")).isEqualTo(first.headers().get("Location")).isEqualTo(ACCOUNTS + "/" + id);
        assertThat(retry.headers().get(REPLAYED)).isEqualTo("true");
        assertThat(accountsNamed(id, key)).isEqualTo(1);
    }

    @Test
    void the_same_key_with_another_body_is_refused_as_reused() {
        String idempotencyKey = newKey();
        assertThat(post(ACCOUNTS, Map.of("id", newId()), key, idempotencyKey).status()).isEqualTo(201);

        Reply other = post(ACCOUNTS, Map.of("id", newId()), key, idempotencyKey);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).contains("application/problem+json");
        assertThat(other.get("code")).isEqualTo("idempotency_key_reused");
    }

    @Test
    void without_a_key_a_create_runs_every_time_as_before() {
        String id = newId();
        assertThat(post(ACCOUNTS, Map.of("id", id), key, null).status()).isEqualTo(201);

        Reply again = post(ACCOUNTS, Map.of("id", id), key, null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.get("code")).isEqualTo("linked_account_exists");
        assertThat(again.headers().get(REPLAYED)).isNull();
    }

    @Test
    void another_workspaces_same_key_is_its_own() {
        String other = newWorkspaceKey();
        String idempotencyKey = newKey();
        String id = newId();

        Reply mine = post(ACCOUNTS, Map.of("id", id), key, idempotencyKey);
        Reply theirs = post(ACCOUNTS, Map.of("id", id), other, idempotencyKey);

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.headers().get(REPLAYED)).isNull();
        assertThat(accountsNamed(id, key)).isEqualTo(1);
        assertThat(accountsNamed(id, other)).isEqualTo(1);
    }

    @Test
    @Timeout(120)
    void concurrent_duplicates_create_one_linked_account_and_all_get_its_answer() throws Exception {
        String id = newId();
        String idempotencyKey = newKey();
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                replies.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return post(ACCOUNTS, Map.of("id", id, "metadata", Map.of("plan", "pro")), key, idempotencyKey);
                }));
            }
            List<Reply> answers = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                answers.add(reply.get(60, TimeUnit.SECONDS));
            }
            assertThat(answers).extracting(Reply::status).containsOnly(201);
            assertThat(answers).extracting(Reply::text).containsOnly(answers.getFirst().text());
            assertThat(answers).filteredOn(reply -> reply.headers().get(REPLAYED) == null).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(accountsNamed(id, key)).isEqualTo(1);
    }

    @Test
    void a_retried_session_token_mint_returns_the_same_token() {
        String account = newId();
        post(ACCOUNTS, Map.of("id", account), key, null);
        String idempotencyKey = newKey();

        Reply first = post("/v1/session-tokens", Map.of("linked_account_id", account), key, idempotencyKey);
        Reply retry = post("/v1/session-tokens", Map.of("linked_account_id", account), key, idempotencyKey);
        Reply fresh = post("/v1/session-tokens", Map.of("linked_account_id", account), key, newKey());

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.get("token")).isEqualTo(first.get("token"));
        assertThat(fresh.get("token")).isNotEqualTo(first.get("token"));
    }

    @Test
    void a_refused_request_keeps_its_answer_for_the_key() {
        String idempotencyKey = newKey();
        String id = newId();

        Reply refused = post(ACCOUNTS, Map.of("id", id, "name", 42), key, idempotencyKey);
        Reply retry = post(ACCOUNTS, Map.of("id", id, "name", 42), key, idempotencyKey);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(retry.status()).isEqualTo(400);
        assertThat(retry.text()).isEqualTo(refused.text());
        assertThat(retry.headers().get(REPLAYED)).isEqualTo("true");
    }

    @Test
    void a_key_that_is_not_printable_ascii_of_at_most_255_characters_is_refused_naming_the_header() {
        for (String bad : List.of("k".repeat(256), "cl\u00e9")) {
            Reply refused = post(ACCOUNTS, Map.of("id", newId()), key, bad);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.get("code")).isEqualTo("validation_failed");
            assertThat(refused.errorFields()).containsExactly(KEY_HEADER);
        }
    }

    @Test
    void a_retried_workspace_creation_returns_the_same_api_key_and_creates_one_workspace() {
        String name = "idempotent-" + UUID.randomUUID().toString().substring(0, 8);
        String idempotencyKey = newKey();

        Reply first = post("/admin/v1/workspaces", Map.of("name", name), ADMIN_TOKEN, idempotencyKey);
        Reply retry = post("/admin/v1/workspaces", Map.of("name", name), ADMIN_TOKEN, idempotencyKey);
        // The admin API's keys are its own: a workspace's same key is another key.
        Reply workspaceScoped = post(ACCOUNTS, Map.of("id", newId()), key, idempotencyKey);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(workspaceScoped.status()).isEqualTo(201);
        assertThat(get("/admin/v1/workspaces", ADMIN_TOKEN).text().split("\"" + name + "\"", -1)).hasSize(2);
    }

    @Test
    void a_request_that_failed_with_a_5xx_frees_its_key_so_the_retry_runs_again() {
        String idempotencyKey = newKey();

        Reply failed = post("/v1/test-failing-creates", Map.of("x", 1), key, idempotencyKey);
        Reply retry = post("/v1/test-failing-creates", Map.of("x", 1), key, idempotencyKey);
        Reply again = post("/v1/test-failing-creates", Map.of("x", 1), key, idempotencyKey);

        assertThat(failed.status()).isEqualTo(500);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.headers().get(REPLAYED)).isNull();
        assertThat(again.text()).isEqualTo(retry.text());
        assertThat(again.headers().get(REPLAYED)).isEqualTo("true");
        assertThat(failing.runs.get()).isEqualTo(2);
    }
}
