package dev.latchkey.application.port.in;

import java.util.Optional;

public interface AuthenticateApiKeyUseCase {
    /** The workspace a presented key belongs to; empty for anything that is not a live key. */
    Optional<ApiKeyPrincipal> authenticate(String presentedKey);

    /** What {@link #authenticate} found for this key moments ago; no I/O, safe on an event loop. Empty when unknown. */
    Optional<ApiKeyPrincipal> remembered(String presentedKey);

    /** Whether {@link #authenticate} found no such key moments ago; no I/O, safe on an event loop. */
    boolean refusedMomentsAgo(String presentedKey);
}
