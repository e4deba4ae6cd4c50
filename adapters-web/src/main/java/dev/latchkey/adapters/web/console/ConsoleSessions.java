package dev.latchkey.adapters.web.console;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions and the sign-ins under way, in this instance's memory: a session is a random
 * 256-bit secret in the browser's cookie, kept here only as its SHA-256. A session ends when unused for
 * the idle timeout, at the absolute timeout, at sign-out, or when the instance restarts (the operator
 * signs in again, which single sign-on makes one click). Sign-ins under way expire after ten minutes
 * and are bounded in number, so anonymous visits to the sign-in page cannot fill the memory.
 */
@Singleton
@Requires(beans = ConsoleSettings.class)
public class ConsoleSessions {
    static final Duration SIGN_IN_LIFETIME = Duration.ofMinutes(10);
    static final int MAX_PENDING = 10_000;

    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public ConsoleSessions(ConsoleSettings settings, Clock clock) {
        this.clock = clock;
        this.idle = settings.idleTimeout();
        this.absolute = settings.absoluteTimeout();
    }

    private record Pending(PendingSignIn signIn, Instant startedAt) {
    }

    /** Remembers a sign-in under way; returns the secret of the browser's sign-in cookie. */
    public String begin(PendingSignIn signIn) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> expired(p, now));
        if (pending.size() >= MAX_PENDING) {
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.BUSY);
        }
        String secret = secret();
        pending.put(hash(secret), new Pending(signIn, now));
        return secret;
    }

    /** The sign-in the cookie's secret started, once: it is forgotten as it is taken. */
    public Optional<PendingSignIn> takePending(String secret) {
        Pending taken = pending.remove(hash(secret));
        return Optional.ofNullable(taken).filter(p -> !expired(p, clock.instant())).map(Pending::signIn);
    }

    private static boolean expired(Pending p, Instant now) {
        return !now.isBefore(p.startedAt().plus(SIGN_IN_LIFETIME));
    }

    /** A new session; returns the cookie's secret. */
    public String open(ConsoleOidcClient.SignedIn user, ConsoleGrants grants) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !live(s, now));
        String secret = secret();
        sessions.put(hash(secret), new ConsoleSession(user.subject(), user.displayName(), grants, secret(), user.idToken(), now, now));
        return secret;
    }

    /** The live session of the cookie's secret, marked as used now; an idle or too old one is ended. */
    public Optional<ConsoleSession> use(String secret) {
        Instant now = clock.instant();
        String key = hash(secret);
        ConsoleSession session = sessions.computeIfPresent(key, (k, s) -> live(s, now) ? s.seen(now) : null);
        return Optional.ofNullable(session);
    }

    /** Ends the session; returns it, if it was live. */
    public Optional<ConsoleSession> end(String secret) {
        return Optional.ofNullable(sessions.remove(hash(secret)));
    }

    private boolean live(ConsoleSession s, Instant now) {
        return now.isBefore(s.lastSeenAt().plus(idle)) && now.isBefore(s.signedInAt().plus(absolute));
    }

    private String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
