package dev.latchkey.bootstrap;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Answers carrying secrets are not cached, nothing is MIME-sniffed, and browsers stay on https. */
@MicronautTest(transactional = false)
class SecurityHeadersApiTest extends ApiTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("latchkey.public-url", "https://connect.example.com");
        return properties;
    }

    private static Reply succeeded(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isBetween(200, 299);
        return reply;
    }

    private static void assertSecured(Reply reply, String what) {
        assertThat(reply.headers().get("X-Content-Type-Options")).as("nosniff on %s", what).isEqualTo("nosniff");
        assertThat(reply.headers().get("Cache-Control")).as("Cache-Control on %s", what).isEqualTo("no-store");
        assertThat(reply.headers().get("Strict-Transport-Security")).as("HSTS on %s", what).isEqualTo("max-age=31536000");
    }

    @Test
    void answers_carrying_secrets_are_no_store_and_nosniff() {
        String key = newWorkspaceKey();
        post("/v1/linked-accounts", Map.of("id", "cust-1"), key);

        assertSecured(succeeded(post("/v1/session-tokens", Map.of("linked_account_id", "cust-1"), key)), "a minted session token");
        assertSecured(succeeded(post("/admin/v1/workspaces", Map.of("name", "headers"), ADMIN_TOKEN)), "a new API key");
        assertSecured(succeeded(post("/v1/webhooks", Map.of("url", "http://127.0.0.1:9/hooks", "events", java.util.List.of("connection.created")),
                key)), "a webhook's secret");
        assertSecured(succeeded(get("/v1/linked-accounts", key)), "a list");
    }

    @Test
    void problems_are_no_store_and_nosniff_too_from_the_api_and_the_proxy() {
        assertSecured(get("/v1/linked-accounts", null), "a 401");
        assertSecured(get("/v1/linked-accounts/nobody", newWorkspaceKey()), "a 404");
        assertSecured(get("/v1/no-such-route", newWorkspaceKey()), "an unknown route");

        Reply proxy = get("/v1/proxy/echo-header/x", null);
        assertThat(proxy.status()).isEqualTo(401);
        assertThat(proxy.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(proxy.headers().get("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void what_is_cached_on_purpose_keeps_its_own_cache_control() {
        Reply script = call(HttpRequest.GET("/portal/assets/portal.js"));
        assertThat(script.headers().get("Cache-Control")).isEqualTo("public, max-age=300");
        assertThat(script.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");

        Reply spec = get("/openapi.yml", null);
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.headers().get("Cache-Control")).as("documentation may be cached").isEqualTo("private, max-age=60");
        assertThat(spec.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
