package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.idempotency.IdempotencyPersistenceAdapter;
import dev.latchkey.domain.idempotency.IdempotencyKey;
import dev.latchkey.domain.idempotency.IdempotencyScope;
import dev.latchkey.domain.idempotency.IdempotentRequest;
import dev.latchkey.domain.idempotency.RecordedResponse;
import dev.latchkey.domain.idempotency.RequestFingerprint;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false, transactional = false)
class IdempotencyPersistenceAdapterTest extends EncryptedPersistenceTest {
    private static final String SECRET = "lk_sess_a-secret-session-token";
    private static final RecordedResponse ANSWER = new RecordedResponse(201, Optional.of("application/json"),
            Optional.of("/v1/session-tokens"), ("{\"token\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8));
    private static final Instant EXPIRED_BEFORE = NOW.minus(IdempotentRequest.RETENTION);
    private static final Instant ABANDONED_BEFORE = NOW.minus(Duration.ofMinutes(2));

    @Inject
    IdempotencyPersistenceAdapter store;

    private static IdempotencyScope scope() {
        return IdempotencyScope.workspace(WorkspaceId.random());
    }

    private static IdempotencyKey key() {
        return new IdempotencyKey(UUID.randomUUID().toString());
    }

    private static IdempotentRequest pending(IdempotencyScope scope, IdempotencyKey key, Instant at) {
        return IdempotentRequest.pending(scope, key, RequestFingerprint.of("POST", "/v1/session-tokens", new byte[]{1, 2}), at);
    }

    @Test
    void a_recorded_answer_is_found_again_and_its_body_is_stored_encrypted() throws Exception {
        IdempotencyScope scope = scope();
        IdempotencyKey key = key();
        IdempotentRequest held = pending(scope, key, NOW);
        assertThat(store.reserve(held, EXPIRED_BEFORE, ABANDONED_BEFORE)).isTrue();
        assertThat(store.find(scope, key, EXPIRED_BEFORE)).get().satisfies(row -> {
            assertThat(row.isPending()).isTrue();
            assertThat(row.fingerprint()).isEqualTo(held.fingerprint());
        });

        store.record(held, ANSWER);

        assertThat(store.find(scope, key, EXPIRED_BEFORE)).get().extracting(IdempotentRequest::response).isEqualTo(Optional.of(ANSWER));
        try (Connection jdbc = jdbc(); PreparedStatement select = jdbc.prepareStatement(
                "SELECT body, body_key_id FROM idempotency_keys WHERE scope = ? AND idempotency_key = ?")) {
            select.setString(1, scope.value());
            select.setString(2, key.value());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("body_key_id")).isEqualTo(KEY_ID);
                assertThat(new String(row.getBytes("body"), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void a_held_key_is_not_taken_again_until_it_expires_and_a_pending_one_until_abandoned() {
        IdempotencyScope scope = scope();
        IdempotencyKey answered = key();
        IdempotentRequest first = pending(scope, answered, NOW);
        store.reserve(first, EXPIRED_BEFORE, ABANDONED_BEFORE);
        store.record(first, ANSWER);
        assertThat(store.reserve(pending(scope, answered, NOW), EXPIRED_BEFORE, ABANDONED_BEFORE)).isFalse();
        assertThat(store.reserve(pending(scope, answered, NOW), NOW.plusSeconds(1), NOW.plusSeconds(1))).isTrue();

        IdempotencyKey running = key();
        store.reserve(pending(scope, running, NOW), EXPIRED_BEFORE, ABANDONED_BEFORE);
        assertThat(store.reserve(pending(scope, running, NOW), EXPIRED_BEFORE, ABANDONED_BEFORE)).isFalse();
        IdempotentRequest takeover = pending(scope, running, NOW);
        assertThat(store.reserve(takeover, EXPIRED_BEFORE, NOW.plusSeconds(1))).isTrue();
        assertThat(store.find(scope, running, EXPIRED_BEFORE)).get().extracting(IdempotentRequest::attempt).isEqualTo(takeover.attempt());
    }

    @Test
    void the_same_key_in_another_scope_is_another_key() {
        IdempotencyKey key = key();
        assertThat(store.reserve(pending(scope(), key, NOW), EXPIRED_BEFORE, ABANDONED_BEFORE)).isTrue();
        assertThat(store.reserve(pending(scope(), key, NOW), EXPIRED_BEFORE, ABANDONED_BEFORE)).isTrue();
        assertThat(store.reserve(pending(IdempotencyScope.admin(), key, NOW), EXPIRED_BEFORE, ABANDONED_BEFORE)).isTrue();
    }

    @Test
    void only_the_run_that_holds_the_key_records_or_releases_it() {
        IdempotencyScope scope = scope();
        IdempotencyKey key = key();
        IdempotentRequest dead = pending(scope, key, NOW.minus(Duration.ofMinutes(5)));
        store.reserve(dead, EXPIRED_BEFORE, ABANDONED_BEFORE);
        IdempotentRequest current = pending(scope, key, NOW);
        store.reserve(current, EXPIRED_BEFORE, ABANDONED_BEFORE);

        store.record(dead, ANSWER);
        store.release(dead);
        assertThat(store.find(scope, key, EXPIRED_BEFORE)).get().satisfies(row -> {
            assertThat(row.attempt()).isEqualTo(current.attempt());
            assertThat(row.isPending()).isTrue();
        });

        store.release(current);
        assertThat(store.find(scope, key, EXPIRED_BEFORE)).isEmpty();
    }

    @Test
    void an_expired_key_is_not_found_and_is_purged() {
        IdempotencyScope scope = scope();
        IdempotencyKey old = key();
        IdempotentRequest stale = pending(scope, old, NOW.minus(Duration.ofHours(25)));
        store.reserve(stale, EXPIRED_BEFORE.minus(Duration.ofDays(1)), ABANDONED_BEFORE.minus(Duration.ofDays(1)));
        store.record(stale, ANSWER);
        IdempotencyKey fresh = key();
        store.reserve(pending(scope, fresh, NOW), EXPIRED_BEFORE, ABANDONED_BEFORE);

        assertThat(store.find(scope, old, EXPIRED_BEFORE)).isEmpty();
        assertThat(store.purgeCreatedBefore(EXPIRED_BEFORE)).isGreaterThanOrEqualTo(1);
        assertThat(store.find(scope, old, EXPIRED_BEFORE.minus(Duration.ofDays(1)))).isEmpty();
        assertThat(store.find(scope, fresh, EXPIRED_BEFORE)).isPresent();
    }

    @Test
    void an_answer_that_no_longer_decrypts_is_forgotten_so_a_retry_runs_again() throws Exception {
        IdempotencyScope scope = scope();
        IdempotencyKey key = key();
        IdempotentRequest held = pending(scope, key, NOW);
        store.reserve(held, EXPIRED_BEFORE, ABANDONED_BEFORE);
        store.record(held, ANSWER);
        try (Connection jdbc = jdbc(); PreparedStatement retire = jdbc.prepareStatement(
                "UPDATE idempotency_keys SET body_key_id = 'retired' WHERE scope = ? AND idempotency_key = ?")) {
            retire.setString(1, scope.value());
            retire.setString(2, key.value());
            assertThat(retire.executeUpdate()).isEqualTo(1);
        }

        assertThat(store.find(scope, key, EXPIRED_BEFORE)).isEmpty();
        assertThat(store.reserve(pending(scope, key, NOW), EXPIRED_BEFORE, ABANDONED_BEFORE)).isTrue();
    }

    @Test
    @Timeout(60)
    void of_concurrent_reservations_of_one_key_exactly_one_wins() throws Exception {
        IdempotencyScope scope = scope();
        IdempotencyKey key = key();
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return store.reserve(pending(scope, key, NOW), EXPIRED_BEFORE, ABANDONED_BEFORE);
                }));
            }
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
