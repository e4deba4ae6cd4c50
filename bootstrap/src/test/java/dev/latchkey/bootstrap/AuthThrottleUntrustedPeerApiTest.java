package dev.latchkey.bootstrap;

import dev.latchkey.domain.workspace.ApiKeySecret;
import dev.latchkey.domain.workspace.Environment;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** X-Forwarded-For from a peer that is not a trusted proxy is the client's own text: it does not pick the bucket. */
@MicronautTest(transactional = false)
class AuthThrottleUntrustedPeerApiTest extends ApiTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("latchkey.auth-throttle.burst", String.valueOf(AuthThrottleApiTest.BURST));
        properties.put("latchkey.auth-throttle.per-second", "0.001");
        properties.put("latchkey.trusted-proxies", "10.0.0.0/8");
        return properties;
    }

    @Test
    void a_client_cannot_escape_its_bucket_by_writing_x_forwarded_for() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < AuthThrottleApiTest.BURST; i++) {
            Reply reply = call(HttpRequest.GET("/v1/linked-accounts").header("X-Forwarded-For", "203.0.113." + i),
                    ApiKeySecret.generate(Environment.TEST, random).reveal());
            assertThat(reply.status()).isEqualTo(401);
        }

        Reply next = call(HttpRequest.GET("/v1/linked-accounts").header("X-Forwarded-For", "203.0.113.200"),
                ApiKeySecret.generate(Environment.TEST, random).reveal());
        Reply proxied = call(HttpRequest.GET("/v1/proxy/echo-header/x").header("X-Forwarded-For", "203.0.113.201"),
                ApiKeySecret.generate(Environment.TEST, random).reveal());

        assertProblem(next, 429, "too_many_attempts");
        assertProblem(proxied, 429, "too_many_attempts");
        assertThat(call(HttpRequest.GET("/v1/linked-accounts"), newWorkspaceKey()).status()).isEqualTo(200);
    }
}
