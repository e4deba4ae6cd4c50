package dev.latchkey.application.port.in;

public interface BeginIdempotentRequestUseCase {
    /**
     * Takes the key for this request, or finds the answer it had; waits a bounded time for a
     * concurrent run with the same key to finish.
     */
    BeginIdempotentRequestResult begin(BeginIdempotentRequestCommand command);
}
