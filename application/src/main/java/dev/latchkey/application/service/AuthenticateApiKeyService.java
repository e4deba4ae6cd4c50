package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ApiKeyPrincipal;
import dev.latchkey.application.port.in.AuthenticateApiKeyUseCase;
import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.domain.workspace.ApiKeySecret;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Looks a presented key up by its hash; the plaintext is never stored or compared as text. A key's
 * workspace is remembered for 30 seconds, so a busy backend does not cost a query per request; in the
 * last quarter of that time the first request to see it has it looked up again in the background, so
 * under steady traffic no request waits for the database and a revoked key is forgotten sooner.
 */
public final class AuthenticateApiKeyService implements AuthenticateApiKeyUseCase {
    static final Duration REMEMBERED_FOR = Duration.ofSeconds(30);

    private final ApiKeyStorePort keys;
    private final ExpiringCache<String, ApiKeyPrincipal> known;
    private final Executor renewals;

    /** @param renewals where a remembered key is looked up again shortly before it is forgotten */
    public AuthenticateApiKeyService(ApiKeyStorePort keys, Clock clock, Executor renewals) {
        this.keys = keys;
        this.known = new ExpiringCache<>(REMEMBERED_FOR, 10_000, clock);
        this.renewals = renewals;
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
        return lookUp(secret.get().hash());
    }

    @Override
    public Optional<ApiKeyPrincipal> remembered(String presentedKey) {
        Optional<ApiKeySecret> secret = ApiKeySecret.presented(presentedKey);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        String hash = secret.get().hash();
        Optional<ApiKeyPrincipal> remembered = known.peek(hash);
        if (remembered.isPresent() && known.claimRenewal(hash)) {
            renewals.execute(() -> {
                try {
                    lookUp(hash);
                } catch (RuntimeException e) {
                    // forgotten when its time is up, as it would have been; the next request looks it up and answers the problem
                }
            });
        }
        return remembered;
    }

    private Optional<ApiKeyPrincipal> lookUp(String hash) {
        Optional<ApiKeyPrincipal> found = keys.findByHash(hash).map(key -> new ApiKeyPrincipal(key.workspaceId(), key.id()));
        if (found.isPresent()) {
            known.put(hash, found.get());
        } else {
            known.remove(hash);
        }
        return found;
    }
}
