package dev.latchkey.bootstrap;

import dev.latchkey.domain.workspace.ApiKeySecret;
import dev.latchkey.domain.workspace.Environment;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing credentials: after a burst of failures an address is answered 429 with Retry-After, on the
 * API (API keys, session tokens, the admin token) and on the proxy, while a valid credential from the
 * same address still passes. The test client's socket peer (127.0.0.1) is a trusted proxy here, so
 * each test is its own client through X-Forwarded-For.
 */
@MicronautTest(transactional = false)
class AuthThrottleApiTest extends ApiTest {

    static final int BURST = 5;
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("latchkey.auth-throttle.burst", String.valueOf(BURST));
        // One failure earned back per 1000 s: within a test, the bucket does not refill.
        properties.put("latchkey.auth-throttle.per-second", "0.001");
        properties.put("latchkey.trusted-proxies", "127.0.0.1, ::1");
        properties.put("micronaut.http.client.follow-redirects", "false");
        return properties;
    }

    /** A client address of its own for each test, as a trusted proxy in front of Latchkey would report it. */
    private static String newClient() {
        return "198.51.100." + CLIENTS.incrementAndGet();
    }

    private Reply from(String client, MutableHttpRequest<?> request, String bearer) {
        return call(request.header("X-Forwarded-For", client), bearer);
    }

    private String unknownKey() {
        return ApiKeySecret.generate(Environment.TEST, random).reveal();
    }

    private static void assertThrottled(Reply reply) {
        assertProblem(reply, 429, "too_many_attempts");
        assertThat(reply.headers().get("Retry-After")).as("Retry-After").isNotNull()
                .satisfies(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 1000));
    }

    @Test
    void bad_api_keys_are_401_for_the_burst_then_429_with_retry_after_and_a_valid_key_still_passes() {
        String client = newClient();
        String valid = newWorkspaceKey();
        String sameBadKey = unknownKey();
        int unauthorized = 0;
        int throttled = 0;

        for (int i = 0; i < 200; i++) {
            Reply reply = from(client, HttpRequest.GET("/v1/linked-accounts"), i % 2 == 0 ? sameBadKey : unknownKey());
            if (reply.status() == 401) {
                unauthorized++;
            } else {
                assertThrottled(reply);
                throttled++;
            }
        }

        assertThat(unauthorized).isEqualTo(BURST);
        assertThat(throttled).isEqualTo(200 - BURST);
        assertThat(from(client, HttpRequest.GET("/v1/linked-accounts"), valid).status()).as("a valid key is never slowed").isEqualTo(200);
        assertThat(from(newClient(), HttpRequest.GET("/v1/linked-accounts"), unknownKey()).status())
                .as("another client address has its own allowance").isEqualTo(401);
    }

    @Test
    void bad_session_tokens_and_admin_tokens_count_too_and_valid_ones_still_pass() {
        String client = newClient();
        String key = newWorkspaceKey();
        String account = "cust-" + CLIENTS.get();
        post("/v1/linked-accounts", Map.of("id", account), key);
        String session = (String) post("/v1/session-tokens", Map.of("linked_account_id", account), key).get("token");
        String forged = session.substring(0, session.lastIndexOf('.') + 1) + "c2lnbmF0dXJlLWZvcmdlZA";

        for (int i = 0; i < BURST; i++) {
            assertThat(from(client, HttpRequest.GET("/v1/session"), i % 2 == 0 ? forged : "not-a-token").status()).isEqualTo(401);
        }
        assertThrottled(from(client, HttpRequest.GET("/v1/session"), forged));
        assertThrottled(from(client, HttpRequest.GET("/admin/v1/workspaces"), ADMIN_TOKEN + "-guess"));

        assertThat(from(client, HttpRequest.GET("/v1/session"), session).status()).isEqualTo(200);
        assertThat(from(client, HttpRequest.GET("/admin/v1/workspaces"), ADMIN_TOKEN).status()).isEqualTo(200);
        assertThat(from(client, HttpRequest.GET("/v1/linked-accounts"), key).status()).isEqualTo(200);
    }

    @Test
    void a_request_without_credentials_is_401_not_a_failed_attempt() {
        String client = newClient();

        for (int i = 0; i < BURST * 3; i++) {
            assertProblem(from(client, HttpRequest.GET("/v1/linked-accounts"), null), 401, "unauthorized");
        }
    }

    @Test
    void the_proxy_throttles_bad_api_keys_the_same_way_and_lets_a_valid_key_through() {
        String client = newClient();
        String badKey = unknownKey();

        for (int i = 0; i < BURST; i++) {
            assertProblem(from(client, HttpRequest.GET("/v1/proxy/echo-header/x"), i % 2 == 0 ? badKey : unknownKey()), 401,
                    "unauthorized");
        }
        for (int i = 0; i < 50; i++) {
            assertThrottled(from(client, HttpRequest.GET("/v1/proxy/echo-header/x"), badKey));
        }

        Reply valid = from(client, HttpRequest.GET("/v1/proxy/echo-header/x"), newWorkspaceKey());
        assertThat(valid.status()).as("authenticated; only the missing X-Linked-Account-Id is wrong: %s", valid.text()).isEqualTo(400);
    }

    @Test
    void the_api_and_the_proxy_share_one_allowance_per_address() {
        String client = newClient();

        for (int i = 0; i < BURST; i++) {
            assertThat(from(client, HttpRequest.GET("/v1/linked-accounts"), unknownKey()).status()).isEqualTo(401);
        }

        assertThrottled(from(client, HttpRequest.GET("/v1/proxy/echo-header/x"), unknownKey()));
    }

    @Test
    void guessed_connect_link_codes_are_410_for_the_burst_then_429_and_a_real_link_still_opens() {
        String client = newClient();
        String key = newWorkspaceKey();
        String account = "cust-link-" + CLIENTS.get();
        post("/v1/linked-accounts", Map.of("id", account), key);
        String url = (String) post("/v1/connect-links", Map.of("linked_account_id", account), key).get("url");
        String code = url.substring(url.indexOf("/connect/") + "/connect/".length());

        for (int i = 0; i < BURST; i++) {
            assertThat(from(client, HttpRequest.GET("/connect/guess-" + i), null).status()).isEqualTo(410);
        }
        Reply throttled = from(client, HttpRequest.GET("/connect/guess-more"), null);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers().get("Retry-After")).isNotNull();

        assertThat(from(client, HttpRequest.GET("/connect/" + code), null).status()).as("a real link is never slowed").isEqualTo(303);
    }
}
