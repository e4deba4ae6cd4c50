package dev.latchkey.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backend's first steps, each exchange checked against the OpenAPI document by {@link OpenApiContract}:
 * a client generated from the document would send these requests and understand these answers.
 */
@MicronautTest(transactional = false)
class ContractApiTest extends ApiTest {
    private String key;


    @BeforeAll
    void workspace() {
        key = newWorkspaceKey();
    }

    @Test
    void linked_accounts_and_session_tokens_answer_as_documented() {
        assertThat(post("/v1/linked-accounts", Map.of("id", "cust-contract", "name", "Acme Inc", "metadata", Map.of("plan", "pro")), key)
                .status()).isEqualTo(201);
        assertThat(get("/v1/linked-accounts/cust-contract", key).status()).isEqualTo(200);
        assertThat(get("/v1/linked-accounts?limit=10", key).status()).isEqualTo(200);
        assertThat(put("/v1/linked-accounts/cust-contract-2", Map.of("name", "Other"), key).status()).isEqualTo(201);
        Reply token = post("/v1/session-tokens", Map.of("linked_account_id", "cust-contract", "ttl_seconds", 600), key);
        assertThat(token.status()).isEqualTo(201);
        assertThat(get("/v1/session", (String) token.get("token")).status()).isEqualTo(200);
        assertThat(post("/v1/session-tokens/revoke", Map.of("token", token.get("token")), key).status()).isEqualTo(204);
        assertThat(delete("/v1/linked-accounts/cust-contract-2", key).status()).isEqualTo(204);
    }

    @Test
    void problems_answer_as_documented() {
        assertProblem(get("/v1/linked-accounts/nobody-here", key), 404, "linked_account_not_found");
        assertProblem(post("/v1/linked-accounts", Map.of("name", "No id"), key), 400, "validation_failed");
        assertProblem(get("/v1/linked-accounts", null), 401, "unauthorized");
        assertProblem(post("/v1/session-tokens", Map.of("linked_account_id", "nobody-here"), key), 404, "linked_account_not_found");
    }
}
