package dev.latchkey.adapters.web.security;

import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.error.Problems;
import dev.latchkey.adapters.web.error.RetryAfter;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed authentications per client address, as token buckets: an address may fail {@code burst}
 * times at once ({@code LATCHKEY_AUTH_FAILURE_BURST}, 20), then {@code perSecond} times a second
 * ({@code LATCHKEY_AUTH_FAILURES_PER_SECOND}, 1); beyond that its failures are answered 429
 * {@code too_many_attempts} with {@code Retry-After} instead of 401.
 *
 * <p>Only failures are counted, and only after the credential was checked: a valid credential is
 * never slowed, even from an address whose bucket is empty (a backend behind the same NAT as an
 * attacker keeps working). Guessing gains nothing from that: API keys are 256 random bits, session
 * tokens are signed, the admin token is at least 32 characters; what the throttle buys is that a
 * flood is told to stop and costs little (unknown API keys are remembered, see
 * {@code AuthenticateApiKeyService}).
 *
 * <p>Memory is bounded: at most {@code maxAddresses} buckets; a bucket that has filled up again is
 * idle and is dropped when room is needed. When every tracked address is still failing, new addresses
 * share one overflow bucket rather than going unthrottled.
 */
@Singleton
public final class AuthFailureThrottle {
    /** A full map of failing addresses is looked through for idle ones at most this often: not once per new address. */
    private static final long SWEEP_INTERVAL_MILLIS = 1000;
    private static final long NEVER = Long.MIN_VALUE;

    private final int burst;
    private final double perSecond;
    private final int maxAddresses;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bucket overflow;
    private volatile long lastSweepMillis = NEVER;

    @Inject
    public AuthFailureThrottle(@Value("${latchkey.auth-throttle.burst:20}") int burst,
                               @Value("${latchkey.auth-throttle.per-second:1}") double perSecond,
                               @Value("${latchkey.auth-throttle.max-addresses:100000}") int maxAddresses,
                               Clock clock) {
        if (burst < 1 || !(perSecond > 0) || maxAddresses < 1) {
            throw new IllegalArgumentException("the auth throttle needs a burst of at least 1, a positive rate and room for 1 address"
                    + " (got burst " + burst + ", per second " + perSecond + ", max addresses " + maxAddresses + ")");
        }
        this.burst = burst;
        this.perSecond = perSecond;
        this.maxAddresses = maxAddresses;
        this.clock = clock;
        // The clock is not read here: a test's clock may be a bean still being created.
        this.overflow = new Bucket(burst, NEVER);
    }

    /**
     * Records one failed authentication from {@code address}. Empty while the address had a failure
     * left (answer 401); otherwise how long until it has one again (answer 429 with Retry-After).
     */
    public Optional<Duration> failed(String address) {
        long now = clock.millis();
        return bucketOf(address, now).take(now);
    }

    /** The answer to a failure beyond the throttle: 429 {@code too_many_attempts}; send {@code Retry-After} with it. */
    public static Problem tooManyAttempts(Duration wait) {
        return Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts", "Too many failed authentications from this address; "
                + "retry after " + RetryAfter.seconds(wait) + " s with valid credentials (valid credentials are never refused for this).");
    }

    /** How many addresses are tracked now. */
    int tracked() {
        return buckets.size();
    }

    private Bucket bucketOf(String address, long now) {
        Bucket bucket = buckets.get(address);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= maxAddresses) {
            dropIdle(now);
            if (buckets.size() >= maxAddresses) {
                return overflow;
            }
        }
        return buckets.computeIfAbsent(address, a -> new Bucket(burst, now));
    }

    /** Drops the buckets that have filled up again: forgetting them changes nothing. At most once a second. */
    private void dropIdle(long now) {
        if (lastSweepMillis != NEVER && now - lastSweepMillis < SWEEP_INTERVAL_MILLIS) {
            return;
        }
        lastSweepMillis = now;
        buckets.values().removeIf(bucket -> bucket.isFull(now));
    }

    private final class Bucket {
        private double tokens;
        private long updatedMillis;

        private Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedMillis = now;
        }

        synchronized Optional<Duration> take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            long waitMillis = (long) Math.ceil((1 - tokens) * 1000 / perSecond);
            return Optional.of(Duration.ofMillis(Math.max(waitMillis, 1)));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            if (updatedMillis == NEVER) {
                updatedMillis = now;
            } else if (now > updatedMillis) {
                tokens = Math.min(burst, tokens + (now - updatedMillis) * perSecond / 1000);
                updatedMillis = now;
            }
        }
    }
}
