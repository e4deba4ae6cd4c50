package dev.latchkey.domain.connector;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A request Latchkey makes to the provider with fresh credentials: to verify them before saving
 * ({@code verify}), or to learn who they belong to ({@code identity}, read with a JSON pointer).
 */
public record HttpCheck(String method, Template path, int expectStatus, Optional<String> pointer) {
    private static final Set<String> METHODS = Set.of("GET", "POST");

    public HttpCheck {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be GET or POST");
        }
        Objects.requireNonNull(path, "path");
        if (!path.text().startsWith("/")) {
            throw new IllegalArgumentException("path must start with / (it is relative to api.base_url)");
        }
        if (expectStatus < 200 || expectStatus > 299) {
            throw new IllegalArgumentException("expect_status must be a 2xx status");
        }
        Objects.requireNonNull(pointer, "pointer");
        pointer.ifPresent(p -> {
            if (!p.isEmpty() && !p.startsWith("/")) {
                throw new IllegalArgumentException("pointer must be a JSON pointer such as /user/email");
            }
        });
    }
}
