package dev.latchkey.adapters.web.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AuthFailureThrottleTest {

    /** Stands still until the test moves it: no test here sleeps. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2025-05-05T05:05:05Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();

    @Test
    void an_address_may_fail_a_burst_then_is_refused_with_how_long_to_wait() {
        AuthFailureThrottle throttle = new AuthFailureThrottle(20, 1, 1000, clock);

        for (int i = 0; i < 20; i++) {
            assertThat(throttle.failed("203.0.113.7")).as("failure %d", i + 1).isEmpty();
        }
        int refused = 0;
        for (int i = 0; i < 1_980; i++) {
            Optional<Duration> wait = throttle.failed("203.0.113.7");
            assertThat(wait).hasValue(Duration.ofSeconds(1));
            refused++;
        }

        assertThat(refused).isEqualTo(1_980);
        assertThat(throttle.failed("198.51.100.1")).as("another address has its own bucket").isEmpty();
    }

    @Test
    void the_bucket_refills_at_the_configured_rate() {
        AuthFailureThrottle throttle = new AuthFailureThrottle(2, 0.5, 1000, clock);
        throttle.failed("a");
        throttle.failed("a");
        assertThat(throttle.failed("a")).hasValue(Duration.ofSeconds(2));

        clock.advance(Duration.ofMillis(1500));
        assertThat(throttle.failed("a")).hasValue(Duration.ofMillis(500));

        clock.advance(Duration.ofMillis(500));
        assertThat(throttle.failed("a")).as("one failure earned back").isEmpty();
        assertThat(throttle.failed("a")).isPresent();

        clock.advance(Duration.ofHours(1));
        assertThat(throttle.failed("a")).as("never more than the burst").isEmpty();
        assertThat(throttle.failed("a")).isEmpty();
        assertThat(throttle.failed("a")).isPresent();
    }

    @Test
    void memory_is_bounded_idle_buckets_are_dropped_and_the_rest_share_one_overflow_bucket() {
        AuthFailureThrottle throttle = new AuthFailureThrottle(1, 1, 3, clock);
        throttle.failed("a");
        throttle.failed("b");
        throttle.failed("c");
        assertThat(throttle.tracked()).isEqualTo(3);

        assertThat(throttle.failed("d")).as("full of failing addresses: d goes to the shared bucket").isEmpty();
        assertThat(throttle.failed("e")).as("which is empty now").isPresent();
        assertThat(throttle.tracked()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(2)); // a, b and c have filled up again: idle
        assertThat(throttle.failed("f")).isEmpty();
        assertThat(throttle.tracked()).as("the idle buckets made room").isEqualTo(1);
        assertThat(throttle.failed("f")).isPresent();
    }
}
