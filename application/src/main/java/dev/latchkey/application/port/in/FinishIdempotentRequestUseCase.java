package dev.latchkey.application.port.in;

import dev.latchkey.domain.idempotency.IdempotentRequest;
import dev.latchkey.domain.idempotency.RecordedResponse;

public interface FinishIdempotentRequestUseCase {
    /** Keeps the answer (2xx to 4xx): a retry with the key gets it again. */
    void record(IdempotentRequest held, RecordedResponse response);

    /** The run failed (5xx, an exception): frees the key so a retry runs the request again. */
    void release(IdempotentRequest held);
}
