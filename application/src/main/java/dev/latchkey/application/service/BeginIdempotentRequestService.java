package dev.latchkey.application.service;

import dev.latchkey.application.port.in.BeginIdempotentRequestCommand;
import dev.latchkey.application.port.in.BeginIdempotentRequestUseCase;
import dev.latchkey.application.port.in.BeginIdempotentRequestResult;
import dev.latchkey.application.port.out.IdempotencyStorePort;
import dev.latchkey.domain.idempotency.IdempotentRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotent creation: the first request with a key runs and its answer is kept for
 * {@link IdempotentRequest#RETENTION}; a retry with the same key and request gets that answer; a
 * concurrent duplicate waits (polling, bounded) for it. A key held by a run that died is taken over
 * after {@code abandonedAfter}.
 */
public final class BeginIdempotentRequestService implements BeginIdempotentRequestUseCase {
    /** Sleeps between polls; {@link Thread#sleep(Duration)} but for tests. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /** When to try again after a duplicate found the first run still going. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final IdempotencyStorePort store;
    private final Clock clock;
    private final Duration wait;
    private final Duration pollInterval;
    private final Duration abandonedAfter;
    private final Pause pause;

    public BeginIdempotentRequestService(IdempotencyStorePort store, Clock clock, Duration wait, Duration pollInterval,
                                         Duration abandonedAfter, Pause pause) {
        if (pollInterval.isNegative() || pollInterval.isZero() || wait.isNegative() || abandonedAfter.compareTo(wait) <= 0) {
            throw new IllegalArgumentException("the poll interval must be positive and a run abandoned only after the wait");
        }
        this.store = store;
        this.clock = clock;
        this.wait = wait;
        this.pollInterval = pollInterval;
        this.abandonedAfter = abandonedAfter;
        this.pause = pause;
    }

    @Override
    public BeginIdempotentRequestResult begin(BeginIdempotentRequestCommand command) {
        long polls = Math.max(1, wait.toMillis() / Math.max(1, pollInterval.toMillis()));
        // A key that vanished between reserve and find (released by a failed run) is tried again at once;
        // those retries are bounded by the polls as well.
        for (long poll = 0; ; poll++) {
            Instant now = clock.instant();
            IdempotentRequest pending = IdempotentRequest.pending(command.scope(), command.key(), command.fingerprint(), now);
            if (store.reserve(pending, now.minus(IdempotentRequest.RETENTION), now.minus(abandonedAfter))) {
                return new BeginIdempotentRequestResult.Run(pending);
            }
            Optional<IdempotentRequest> existing = store.find(command.scope(), command.key(), now.minus(IdempotentRequest.RETENTION));
            if (existing.isPresent()) {
                IdempotentRequest first = existing.get();
                if (!first.fingerprint().matches(command.fingerprint())) {
                    return new BeginIdempotentRequestResult.KeyReused();
                }
                if (first.response().isPresent()) {
                    return new BeginIdempotentRequestResult.Replay(first.response().get());
                }
            }
            if (poll >= polls) {
                return new BeginIdempotentRequestResult.InProgress(RETRY_AFTER);
            }
            if (existing.isPresent()) {
                try {
                    pause.pause(pollInterval);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new BeginIdempotentRequestResult.InProgress(RETRY_AFTER);
                }
            }
        }
    }
}
