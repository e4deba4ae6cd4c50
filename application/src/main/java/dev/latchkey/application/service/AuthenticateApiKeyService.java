package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ApiKeyPrincipal;
import dev.latchkey.application.port.in.AuthenticateApiKeyUseCase;
import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.domain.workspace.ApiKeySecret;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Looks a presented key up by its hash; the plaintext is never stored or compared as text. A key's
 * workspace is remembered for 30 seconds, so a busy backend does not cost a query per request.
 */
public final class AuthenticateApiKeyService implements AuthenticateApiKeyUseCase {
    static final Duration REMEMBERED_FOR = Duration.ofSeconds(30);

    private final ApiKeyStorePort keys;
    private final ExpiringCache<String, ApiKeyPrincipal> known;

    public AuthenticateApiKeyService(ApiKeyStorePort keys, Clock clock) {
        this.keys = keys;
        this.known = new ExpiringCache<>(REMEMBERED_FOR, 10_000, clock);
    }

    @Override
    public Optional<ApiKeyPrincipal> authenticate(String presentedKey) {
        Optional<ApiKeySecret> secret = ApiKeySecret.presented(presentedKey);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        // Only keys that exist are remembered: a key created a moment ago works at once, and random
        // guesses cannot fill the cache.
        Optional<ApiKeyPrincipal> remembered = known.peek(secret.get().hash());
        if (remembered.isPresent()) {
            return remembered;
        }
        Optional<ApiKeyPrincipal> found = keys.findByHash(secret.get().hash()).map(key -> new ApiKeyPrincipal(key.workspaceId(), key.id()));
        found.ifPresent(principal -> known.put(secret.get().hash(), principal));
        return found;
    }

    @Override
    public Optional<ApiKeyPrincipal> remembered(String presentedKey) {
        return ApiKeySecret.presented(presentedKey).flatMap(secret -> known.peek(secret.hash()));
    }
}
