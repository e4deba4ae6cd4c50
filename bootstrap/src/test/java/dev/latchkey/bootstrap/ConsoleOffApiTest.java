package dev.latchkey.bootstrap;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without LATCHKEY_CONSOLE_OIDC_* the operator console does not exist: every console path is a 404, whatever the credentials. */
@MicronautTest(transactional = false)
class ConsoleOffApiTest extends ApiTest {

    /** The console's paths are not in the API's document: this class asks for them on purpose. */
    @Override
    protected boolean checksContract() {
        return false;
    }

    @Test
    void the_console_answers_404_without_its_identity_provider() {
        for (String path : new String[]{"/console", "/console/sign-in", "/console/callback?code=x&state=y", "/console/workspaces"}) {
            assertThat(get(path, null).status()).as(path).isEqualTo(404);
            assertThat(get(path, ADMIN_TOKEN).status()).as(path + " with the admin token").isEqualTo(404);
        }
        assertThat(call(HttpRequest.POST("/console/sign-out", "_csrf=x").contentType("application/x-www-form-urlencoded")).status())
                .isEqualTo(404);
    }

    @Test
    void the_api_works_as_usual() {
        assertThat(post("/v1/linked-accounts", Map.of("id", "cust-1"), newWorkspaceKey()).status()).isEqualTo(201);
    }
}
