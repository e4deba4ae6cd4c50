package dev.latchkey.adapters.web.console;

import java.util.Objects;

/**
 * What a sign-in the browser left for the identity provider must come back with: the state (checked
 * against the callback's), the nonce (checked against the ID token's) and the PKCE verifier (sent with
 * the code). Kept server-side, keyed by a short-lived cookie of the browser that started it.
 */
public record PendingSignIn(String state, String nonce, String codeVerifier) {
    public PendingSignIn {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
    }

    @Override
    public String toString() {
        return "PendingSignIn[...]";
    }
}
