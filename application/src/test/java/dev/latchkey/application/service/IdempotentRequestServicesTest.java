package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryIdempotencyStore;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.port.in.BeginIdempotentRequestCommand;
import dev.latchkey.application.port.in.BeginIdempotentRequestResult;
import dev.latchkey.domain.idempotency.IdempotencyKey;
import dev.latchkey.domain.idempotency.IdempotencyScope;
import dev.latchkey.domain.idempotency.IdempotentRequest;
import dev.latchkey.domain.idempotency.RecordedResponse;
import dev.latchkey.domain.idempotency.RequestFingerprint;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotentRequestServicesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration ABANDONED = Duration.ofMinutes(2);
    private static final IdempotencyScope SCOPE = IdempotencyScope.workspace(WorkspaceId.random());
    private static final IdempotencyKey KEY = new IdempotencyKey("8b1c9a54-3f0e-4d7a-9a43-2f7f0c6b2f11");
    private static final RequestFingerprint BODY = fingerprint("{\"id\":\"acme\"}");
    private static final RecordedResponse CREATED = new RecordedResponse(201, Optional.of("application/json"),
            Optional.of("/v1/linked-accounts/acme"), "{\"id\":\"acme\"}".getBytes(StandardCharsets.UTF_8));

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final List<Duration> pauses = new ArrayList<>();
    private Runnable onPause = () -> { };
    private final BeginIdempotentRequestService beginService = new BeginIdempotentRequestService(store, clock, WAIT, POLL, ABANDONED,
            duration -> {
                pauses.add(duration);
                onPause.run();
            });
    private final FinishIdempotentRequestService finish = new FinishIdempotentRequestService(store);
    private final PurgeExpiredIdempotencyKeysService purge = new PurgeExpiredIdempotencyKeysService(store, clock);

    private static RequestFingerprint fingerprint(String body) {
        return RequestFingerprint.of("POST", "/v1/linked-accounts", body.getBytes(StandardCharsets.UTF_8));
    }

    private BeginIdempotentRequestResult begin(IdempotencyScope scope, RequestFingerprint fingerprint) {
        return beginService.begin(new BeginIdempotentRequestCommand(scope, KEY, fingerprint));
    }

    private IdempotentRequest run(BeginIdempotentRequestResult outcome) {
        assertThat(outcome).isInstanceOf(BeginIdempotentRequestResult.Run.class);
        return ((BeginIdempotentRequestResult.Run) outcome).held();
    }

    @Test
    void the_first_request_runs_and_a_retry_with_the_same_request_gets_its_answer() {
        IdempotentRequest held = run(begin(SCOPE, BODY));
        finish.record(held, CREATED);

        assertThat(begin(SCOPE, BODY)).isEqualTo(new BeginIdempotentRequestResult.Replay(CREATED));
        assertThat(pauses).isEmpty();
    }

    @Test
    void the_same_key_with_another_request_is_refused_as_reused() {
        finish.record(run(begin(SCOPE, BODY)), CREATED);

        assertThat(begin(SCOPE, fingerprint("{\"id\":\"other\"}"))).isInstanceOf(BeginIdempotentRequestResult.KeyReused.class);
    }

    @Test
    void the_same_key_in_another_scope_is_another_key() {
        finish.record(run(begin(SCOPE, BODY)), CREATED);

        run(begin(IdempotencyScope.admin(), BODY));
        run(begin(IdempotencyScope.workspace(WorkspaceId.random()), BODY));
    }

    @Test
    void a_duplicate_waits_for_the_running_request_and_gets_its_answer() {
        IdempotentRequest held = run(begin(SCOPE, BODY));
        onPause = () -> finish.record(held, CREATED);

        assertThat(begin(SCOPE, BODY)).isEqualTo(new BeginIdempotentRequestResult.Replay(CREATED));
        assertThat(pauses).containsExactly(POLL);
    }

    @Test
    void a_duplicate_answers_in_progress_when_the_running_request_outlasts_the_wait() {
        run(begin(SCOPE, BODY));

        assertThat(begin(SCOPE, BODY)).isInstanceOf(BeginIdempotentRequestResult.InProgress.class);
        assertThat(pauses).hasSize((int) (WAIT.toMillis() / POLL.toMillis()));
    }

    @Test
    void a_released_key_runs_the_request_again() {
        finish.release(run(begin(SCOPE, BODY)));

        run(begin(SCOPE, BODY));
    }

    @Test
    void a_key_held_by_a_run_that_died_is_taken_over_after_the_abandon_delay() {
        IdempotentRequest dead = run(begin(SCOPE, BODY));
        clock.advance(ABANDONED.plusSeconds(1));

        IdempotentRequest retry = run(begin(SCOPE, BODY));
        finish.record(dead, CREATED); // the dead run's late answer does not overwrite the new run's key
        assertThat(store.find(SCOPE, KEY, clock.instant().minusSeconds(60))).get().extracting(IdempotentRequest::attempt).isEqualTo(retry.attempt());
        assertThat(store.find(SCOPE, KEY, clock.instant().minusSeconds(60)).orElseThrow().isPending()).isTrue();
    }

    @Test
    void a_key_is_forgotten_after_its_retention_and_then_purged() {
        finish.record(run(begin(SCOPE, BODY)), CREATED);
        IdempotencyScope other = IdempotencyScope.admin();
        finish.record(run(begin(other, BODY)), CREATED);
        clock.advance(IdempotentRequest.RETENTION.plusSeconds(1));

        run(begin(SCOPE, fingerprint("{\"id\":\"other\"}")));
        assertThat(purge.purge()).isEqualTo(1);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void keys_must_be_printable_ascii_of_at_most_255_characters() {
        assertThatThrownBy(() -> new IdempotencyKey("")).hasMessageContaining("1 to 255");
        assertThatThrownBy(() -> new IdempotencyKey("k".repeat(256))).hasMessageContaining("1 to 255");
        assertThatThrownBy(() -> new IdempotencyKey("caf\u00e9")).hasMessageContaining("printable ASCII");
        assertThat(new IdempotencyKey("k".repeat(255)).value()).hasSize(255);
    }
}
