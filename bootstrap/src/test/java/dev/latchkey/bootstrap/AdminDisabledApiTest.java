package dev.latchkey.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Without LATCHKEY_ADMIN_TOKEN the operator's endpoints do not exist: no token can open them. */
@MicronautTest(transactional = false)
class AdminDisabledApiTest extends ApiTest {


    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.remove("latchkey.admin-token");
        return properties;
    }

    @Test
    void the_admin_endpoints_answer_404_with_the_former_admin_token() {
        assertProblem(get("/admin/v1/workspaces", ADMIN_TOKEN), 404, "not_found");
        assertProblem(post("/admin/v1/workspaces", Map.of("name", "acme"), ADMIN_TOKEN), 404, "not_found");
        assertProblem(post("/admin/v1/workspaces/" + UUID.randomUUID() + "/api-keys", Map.of(), ADMIN_TOKEN), 404, "not_found");
    }

    @Test
    void the_admin_endpoints_answer_404_to_an_api_key_and_to_no_credentials() {
        assertProblem(get("/admin/v1/workspaces", newWorkspaceKey()), 404, "not_found");
        assertProblem(post("/admin/v1/workspaces", Map.of("name", "acme"), null), 404, "not_found");
    }

    @Test
    void the_api_works_as_usual() {
        String key = newWorkspaceKey();

        assertThat(post("/v1/linked-accounts", Map.of("id", "cust-1"), key).status()).isEqualTo(201);
        assertThat(get("/v1/linked-accounts", ADMIN_TOKEN).status()).isEqualTo(401);
    }
}
