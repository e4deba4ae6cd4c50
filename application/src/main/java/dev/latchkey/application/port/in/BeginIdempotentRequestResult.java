package dev.latchkey.application.port.in;

import dev.latchkey.domain.idempotency.IdempotentRequest;
import dev.latchkey.domain.idempotency.RecordedResponse;

import java.time.Duration;

/** What to do with a request that carries an idempotency key. */
public sealed interface BeginIdempotentRequestResult {
    /** The key is this request's: run it, then record its answer or release the key. */
    record Run(IdempotentRequest held) implements BeginIdempotentRequestResult {
    }

    /** The key answered already: send that answer again, run nothing. */
    record Replay(RecordedResponse response) implements BeginIdempotentRequestResult {
    }

    /** The key was first sent with another request: a mistake of the caller, 422. */
    record KeyReused() implements BeginIdempotentRequestResult {
    }

    /** The first request with this key is still running after the wait: try again later. */
    record InProgress(Duration retryAfter) implements BeginIdempotentRequestResult {
    }
}
