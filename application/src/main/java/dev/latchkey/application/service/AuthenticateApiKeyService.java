package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ApiKeyPrincipal;
import dev.latchkey.application.port.in.AuthenticateApiKeyUseCase;
import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.domain.workspace.ApiKeySecret;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Looks a presented key up by its hash; the plaintext is never stored or compared as text. A key's
 * workspace is remembered for 30 seconds, so a busy backend does not cost a query per request; in the
 * last quarter of that time the first request to see it has it looked up again in the background, so
 * under steady traffic no request waits for the database and a revoked key is forgotten sooner.
 *
 * <p>A key that is not found is remembered as unknown for 30 seconds too, so a flood of the same bad
 * key costs one query, not one per request. That cannot lock out a real key: keys are random 256-bit
 * values Latchkey generates, so a hash refused a moment ago can only become valid if it is exactly the
 * key being created, and a key created through this instance is forgotten as unknown at once (one
 * created elsewhere — another instance, an operator's bootstrap key — is accepted within 30 s).
 */
public final class AuthenticateApiKeyService implements AuthenticateApiKeyUseCase {
    static final Duration REMEMBERED_FOR = Duration.ofSeconds(30);
    static final Duration UNKNOWN_FOR = Duration.ofSeconds(30);
    static final int MAX_REMEMBERED = 10_000;

    private final ApiKeyStorePort keys;
    private final Clock clock;
    private final ExpiringCache<String, ApiKeyPrincipal> known;
    private final ExpiringCache<String, Boolean> unknown;
    private final Executor renewals;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** @param renewals where a remembered key is looked up again shortly before it is forgotten */
    public AuthenticateApiKeyService(ApiKeyStorePort keys, Clock clock, Executor renewals) {
        this.keys = keys;
        this.clock = clock;
        this.known = new ExpiringCache<>(REMEMBERED_FOR, MAX_REMEMBERED, clock);
        this.unknown = new ExpiringCache<>(UNKNOWN_FOR, MAX_REMEMBERED, clock);
        this.renewals = renewals;
    }

    @Override
    public Optional<ApiKeyPrincipal> authenticate(String presentedKey) {
        Optional<ApiKeySecret> secret = ApiKeySecret.presented(presentedKey);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        // A key created a moment ago works at once (only found keys are remembered as known), and a
        // flood of one bad key costs a single lookup (see the class comment).
        String hash = secret.get().hash();
        Optional<ApiKeyPrincipal> remembered = known.peek(hash);
        if (remembered.isPresent() || unknown.peek(hash).isPresent()) {
            hits.increment();
            return remembered;
        }
        misses.increment();
        return lookUp(hash);
    }

    @Override
    public Optional<ApiKeyPrincipal> remembered(String presentedKey) {
        Optional<ApiKeySecret> secret = ApiKeySecret.presented(presentedKey);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        String hash = secret.get().hash();
        Optional<ApiKeyPrincipal> remembered = known.peek(hash);
        if (remembered.isPresent()) {
            hits.increment();
        }
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

    @Override
    public boolean refusedMomentsAgo(String presentedKey) {
        return ApiKeySecret.presented(presentedKey).map(secret -> unknown.peek(secret.hash()).isPresent()).orElse(false);
    }

    /**
     * Keys answered from memory (known or refused moments ago) since start, for the metrics. A
     * {@link #remembered} that finds nothing counts nothing: its caller goes on to {@link #authenticate}.
     */
    public long cacheHits() {
        return hits.sum();
    }

    /** Keys that had to be looked up in the database since start (background renewals aside), for the metrics. */
    public long cacheMisses() {
        return misses.sum();
    }

    /** A key with this hash was just stored through this instance: it must not be refused as unknown from a moment ago. */
    void forgetUnknown(String hash) {
        unknown.remove(hash);
    }

    /** A key with this hash was just revoked through this instance: it must not be accepted from memory. */
    void forgetKnown(String hash) {
        known.remove(hash);
        unknown.remove(hash);
    }

    private Optional<ApiKeyPrincipal> lookUp(String hash) {
        Optional<ApiKeyPrincipal> found = keys.findByHash(hash).map(key -> new ApiKeyPrincipal(key.workspaceId(), key.id(), key.hint()));
        if (found.isPresent()) {
            // "Last used", to the minute: a key in use is looked up again (renewed) every REMEMBERED_FOR at most
            keys.markUsed(found.get().apiKeyId(), clock.instant());
            known.put(hash, found.get());
            unknown.remove(hash);
        } else {
            known.remove(hash);
            unknown.put(hash, Boolean.TRUE);
        }
        return found;
    }
}
