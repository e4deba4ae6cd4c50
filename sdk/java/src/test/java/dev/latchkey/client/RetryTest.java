package dev.latchkey.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retries on 429/503 against a stub server; waits are recorded, never slept. */
class RetryTest {
    private static final String ACCOUNT = "{\"id\":\"cust-42\",\"name\":null,\"metadata\":{},"
            + "\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00Z\"}";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private StubServer server;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new StubServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Latchkey client(RetryPolicy policy) {
        return Latchkey.builder(server.url(), "lk_test_key").retryPolicy(policy)
                .waits(waits::add, Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @Test
    void a_get_answered_503_is_sent_again_after_the_retry_after_seconds() {
        server.answer(503, Map.of("Retry-After", "7"), "").answer(200, Map.of("Content-Type", "application/json"), ACCOUNT);

        LinkedAccount account = client(RetryPolicy.DEFAULT).linkedAccounts().get("cust-42");

        assertThat(account.id()).isEqualTo("cust-42");
        assertThat(server.received).hasSize(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void a_429_whose_retry_after_is_an_http_date_waits_until_that_date() {
        server.answer(429, Map.of("Retry-After", "Sun, 01 Mar 2026 12:00:03 GMT"), "")
                .answer(200, Map.of(), ACCOUNT);

        client(RetryPolicy.DEFAULT).linkedAccounts().get("cust-42");

        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void without_retry_after_the_backoff_doubles_with_jitter_and_the_attempts_are_bounded() {
        for (int i = 0; i < 4; i++) {
            server.answer(503, Map.of("Content-Type", "application/problem+json"),
                    "{\"status\":503,\"title\":\"Service Unavailable\",\"code\":\"unavailable\",\"detail\":\"busy\"}");
        }
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(60));

        assertThatThrownBy(() -> client(policy).linkedAccounts().get("cust-42"))
                .isInstanceOfSatisfying(LatchkeyException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("unavailable");
                });
        assertThat(server.received).hasSize(3);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void a_create_carries_an_idempotency_key_and_its_retry_carries_the_same_one() {
        server.answer(429, Map.of("Retry-After", "1"), "").answer(201, Map.of(), ACCOUNT);

        client(RetryPolicy.DEFAULT).linkedAccounts().create("cust-42");

        assertThat(server.received).hasSize(2);
        String first = server.received.get(0).headers().getFirst("Idempotency-Key");
        assertThat(first).isNotBlank();
        assertThat(server.received.get(1).headers().getFirst("Idempotency-Key")).isEqualTo(first);
        assertThat(server.received.get(0).body()).isEqualTo("{\"id\":\"cust-42\"}");
    }

    @Test
    void two_creates_carry_different_idempotency_keys() {
        server.answer(201, Map.of(), ACCOUNT).answer(201, Map.of(), ACCOUNT);
        Latchkey latchkey = client(RetryPolicy.DEFAULT);

        latchkey.linkedAccounts().create("cust-42");
        latchkey.linkedAccounts().create("cust-42");

        assertThat(server.received.get(0).headers().getFirst("Idempotency-Key"))
                .isNotEqualTo(server.received.get(1).headers().getFirst("Idempotency-Key"));
    }

    @Test
    void a_request_that_is_not_safe_to_repeat_is_sent_once() {
        server.answer(503, Map.of("Retry-After", "1"), "").answer(200, Map.of(), "{}");

        assertThatThrownBy(() -> client(RetryPolicy.DEFAULT).webhooks().rotateSecret("6c1e0000-0000-0000-0000-000000000000"))
                .isInstanceOfSatisfying(LatchkeyException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(server.received).hasSize(1);
        assertThat(server.received.get(0).headers().containsKey("Idempotency-Key")).isFalse();
    }

    @Test
    void a_retry_after_longer_than_the_policy_allows_is_not_waited_for() {
        server.answer(503, Map.of("Retry-After", "3600"), "").answer(200, Map.of(), ACCOUNT);

        assertThatThrownBy(() -> client(RetryPolicy.DEFAULT).linkedAccounts().get("cust-42"))
                .isInstanceOfSatisfying(LatchkeyException.class, e -> assertThat(e.code()).isEqualTo("http_503"));
        assertThat(server.received).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void retries_can_be_turned_off() {
        server.answer(429, Map.of("Retry-After", "1"), "").answer(200, Map.of(), ACCOUNT);

        assertThatThrownBy(() -> client(RetryPolicy.none()).linkedAccounts().get("cust-42")).isInstanceOf(LatchkeyException.class);
        assertThat(server.received).hasSize(1);
    }

    @Test
    void the_providers_503_through_the_proxy_is_returned_not_retried() {
        server.answer(503, Map.of("Retry-After", "1", "X-Latchkey-Connection-Id", "c-1"), "provider busy");

        try (ProxyResponse response = client(RetryPolicy.DEFAULT).proxy("hubspot", "cust-42").get("/crm/v3/objects/contacts")) {
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.bodyAsString()).isEqualTo("provider busy");
        }
        assertThat(server.received).hasSize(1);
        assertThat(server.received.get(0).path()).isEqualTo("/v1/proxy/hubspot/crm/v3/objects/contacts");
        assertThat(server.received.get(0).headers().getFirst("X-Linked-Account-Id")).isEqualTo("cust-42");
    }
}
