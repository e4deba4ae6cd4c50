package dev.latchkey.application.fakes;

import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The {@code oauth2} scheme whose refresh answers from a script: the next token (or failure) queued,
 * after an optional pause so racers overlap. It records the credentials it was asked to refresh.
 */
public final class ScriptedRefreshScheme extends RecordingAuthScheme {
    private final Deque<Supplier<AccessToken>> answers = new ArrayDeque<>();
    private final List<Credentials> refreshed = new ArrayList<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private volatile long pauseMillis;
    private volatile CountDownLatch release;
    private final CountDownLatch started = new CountDownLatch(1);

    @Override
    public String type() {
        return AuthMethod.OAUTH2;
    }

    public synchronized ScriptedRefreshScheme answering(AccessToken token) {
        answers.add(() -> token);
        return this;
    }

    public synchronized ScriptedRefreshScheme failing(RuntimeException failure) {
        answers.add(() -> {
            throw failure;
        });
        return this;
    }

    public ScriptedRefreshScheme pausing(long millis) {
        this.pauseMillis = millis;
        return this;
    }

    /** Every refresh hangs (like a token endpoint that does not answer) until {@code release} is counted down. */
    public ScriptedRefreshScheme holdingUntil(CountDownLatch release) {
        this.release = release;
        return this;
    }

    /** Waits until a refresh has begun (bounded); false if none did. */
    public boolean awaitRefreshStarted() throws InterruptedException {
        return started.await(30, TimeUnit.SECONDS);
    }

    @Override
    public Optional<Grant> refresh(Context context, Credentials current) {
        record("refresh", context);
        refreshes.incrementAndGet();
        started.countDown();
        CountDownLatch hold = release;
        if (hold != null) {
            try {
                if (!hold.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the held refresh");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pauseMillis > 0) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Supplier<AccessToken> answer;
        synchronized (this) {
            refreshed.add(current);
            answer = answers.poll();
        }
        if (answer == null || current.token().flatMap(AccessToken::refreshToken).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Grant(current.withToken(answer.get()), Map.of(), List.of()));
    }

    @Override
    public AuthCapabilities capabilities(AuthMethod method) {
        AuthMethod.OAuth2AuthorizationCode grant = (AuthMethod.OAuth2AuthorizationCode) method;
        return new AuthCapabilities(AuthMethod.OAUTH2, "OAuth 2.0", Optional.of(new AuthCapabilities.Redirect(List.of("code"), "https:")),
                List.of(), grant.scopes(), true, grant.refreshMargin(), true, List.of(), true, false);
    }

    @Override
    public Signature sign(Context context, Credentials current, OutboundRequest request) {
        return new Signature(Map.of("Authorization", "Bearer " + current.token().orElseThrow().value()), Map.of());
    }

    public int refreshes() {
        return refreshes.get();
    }

    public synchronized List<Credentials> refreshedCredentials() {
        return List.copyOf(refreshed);
    }
}
