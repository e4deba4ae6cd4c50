package dev.latchkey.application.port.in;

import java.util.Optional;

/** The query of {@code /oauth/callback}: {@code state} and either {@code code} or {@code error}. */
public record AuthorizationCallback(Optional<String> state, Optional<String> code, Optional<String> error,
                                    Optional<String> errorDescription) {
    @Override
    public String toString() {
        return "AuthorizationCallback[error=" + error.orElse("none") + "]";
    }
}
