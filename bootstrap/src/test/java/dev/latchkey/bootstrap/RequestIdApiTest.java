package dev.latchkey.bootstrap;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every answer of the API names its request: the caller's own id when well-formed, else a new one. */
@MicronautTest(transactional = false)
class RequestIdApiTest extends ApiTest {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void every_answer_carries_a_new_request_id_successes_and_problems_alike() {
        String key = newWorkspaceKey();
        Reply created = post("/v1/linked-accounts", Map.of("id", "cust-1"), key);
        Reply listed = get("/v1/linked-accounts", key);
        Reply unauthorized = get("/v1/linked-accounts", null);
        Reply missing = get("/v1/linked-accounts/nobody", key);
        Reply unrouted = get("/v1/no-such-route", key);

        for (Reply reply : new Reply[] {created, listed, unauthorized, missing, unrouted}) {
            assertThat(reply.headers().get("X-Request-Id")).as("the request id of a %s", reply.status()).matches(UUID);
        }
        assertThat(created.headers().get("X-Request-Id")).isNotEqualTo(listed.headers().get("X-Request-Id"));
    }

    @Test
    void a_callers_well_formed_id_is_kept_and_anything_else_replaced_never_echoed() {
        String key = newWorkspaceKey();
        Reply kept = call(HttpRequest.GET("/v1/linked-accounts").bearerAuth(key).header("X-Request-Id", "sync-42.attempt:3_a-b"));
        Reply replaced = call(HttpRequest.GET("/v1/linked-accounts").bearerAuth(key).header("X-Request-Id", "<script>alert(1)</script>"));
        Reply tooLong = call(HttpRequest.GET("/v1/linked-accounts").bearerAuth(key).header("X-Request-Id", "a".repeat(129)));

        assertThat(kept.headers().get("X-Request-Id")).isEqualTo("sync-42.attempt:3_a-b");
        assertThat(replaced.headers().get("X-Request-Id")).matches(UUID);
        assertThat(tooLong.headers().get("X-Request-Id")).matches(UUID);
    }
}
