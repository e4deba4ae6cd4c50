package dev.latchkey.application.port.in;

public interface CompleteAuthorizationUseCase {
    /**
     * Finishes an OAuth authorization from the provider's callback. Never throws for a bad callback
     * (replayed, expired, unknown state, provider error, failed exchange): the outcome says what went
     * wrong, in words for the customer, and nothing is stored.
     */
    AuthorizationOutcome complete(AuthorizationCallback callback);
}
