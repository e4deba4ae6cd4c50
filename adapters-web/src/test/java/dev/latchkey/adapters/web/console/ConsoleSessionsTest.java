package dev.latchkey.adapters.web.console;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleSessionsTest {
    private static final Instant START = Instant.parse("2026-12-05T08:00:00Z");

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = START;

        void advance(Duration by) {
            now = now.plus(by);
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

    private final MovingClock clock = new MovingClock();
    private final ConsoleSessions sessions = new ConsoleSessions(new ConsoleSettings(ConsoleRoleMap.parse(ConsoleRoleMap.DEFAULT),
            Duration.ofMinutes(30), Duration.ofHours(8)), clock);
    private final ConsoleOidcClient.SignedIn ada = new ConsoleOidcClient.SignedIn("ada", "Ada", List.of("lk-admins"), "id.token.here");

    @Test
    void a_session_used_within_the_idle_timeout_lives_until_the_absolute_timeout() {
        String secret = sessions.open(ada, ConsoleGrants.everywhere(ConsoleRole.ADMIN));
        for (int i = 1; i <= 16; i++) { // 16 x 29 min = 7 h 44 min
            clock.advance(Duration.ofMinutes(29));
            assertThat(sessions.use(secret)).as("after %d uses", i).isPresent();
        }
        clock.advance(Duration.ofMinutes(16)); // 8 h after sign-in, 16 min after its last use
        assertThat(sessions.use(secret)).as("at the absolute timeout").isEmpty();
    }

    @Test
    void a_session_unused_for_the_idle_timeout_ends_and_stays_ended() {
        String secret = sessions.open(ada, ConsoleGrants.everywhere(ConsoleRole.VIEWER));
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.use(secret)).isEmpty();
        clock.advance(Duration.ofMinutes(-1));
        assertThat(sessions.use(secret)).as("removed, not just hidden").isEmpty();
    }

    @Test
    void sign_out_ends_the_session_and_an_unknown_secret_finds_nothing() {
        String secret = sessions.open(ada, ConsoleGrants.everywhere(ConsoleRole.OWNER));
        assertThat(sessions.use(secret)).hasValueSatisfying(s -> assertThat(s.grants().everywhere()).contains(ConsoleRole.OWNER));
        assertThat(sessions.end(secret)).isPresent();
        assertThat(sessions.use(secret)).isEmpty();
        assertThat(sessions.use("not-a-session")).isEmpty();
    }

    @Test
    void a_sign_in_under_way_is_taken_once_and_only_within_ten_minutes() {
        PendingSignIn pending = new PendingSignIn("state", "nonce", "verifier");
        String first = sessions.begin(pending);
        assertThat(sessions.takePending(first)).contains(pending);
        assertThat(sessions.takePending(first)).as("taken already").isEmpty();

        String late = sessions.begin(pending);
        clock.advance(Duration.ofMinutes(10));
        assertThat(sessions.takePending(late)).isEmpty();
    }

    @Test
    void each_session_has_its_own_csrf_token_and_secret() {
        String one = sessions.open(ada, ConsoleGrants.everywhere(ConsoleRole.ADMIN));
        String two = sessions.open(ada, ConsoleGrants.everywhere(ConsoleRole.ADMIN));
        assertThat(one).isNotEqualTo(two).hasSizeGreaterThanOrEqualTo(43);
        assertThat(sessions.use(one).orElseThrow().csrf()).isNotEqualTo(sessions.use(two).orElseThrow().csrf());
    }
}
