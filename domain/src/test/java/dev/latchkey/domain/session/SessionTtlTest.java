package dev.latchkey.domain.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SessionTtlTest {

    @Test
    void the_default_is_one_hour() {
        assertThat(SessionTtl.DEFAULT.value()).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @ValueSource(longs = {60, 61, 3600, 86_399, 86_400})
    void seconds_from_60_to_86400_are_accepted(long seconds) {
        assertThat(SessionTtl.ofSeconds(seconds).value()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, -60, 0, 1, 59, 86_401, 1_000_000, Long.MAX_VALUE})
    void seconds_outside_60_to_86400_are_refused_with_the_value_in_the_message(long seconds) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SessionTtl.ofSeconds(seconds))
                .withMessageContaining("between 60 and 86400")
                .withMessageContaining("got " + seconds);
    }

    @Test
    void the_constructor_applies_the_same_bounds() {
        assertThat(new SessionTtl(Duration.ofMinutes(1)).value()).isEqualTo(Duration.ofSeconds(60));
        assertThat(new SessionTtl(Duration.ofDays(1)).value()).isEqualTo(Duration.ofSeconds(86_400));
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionTtl(Duration.ofSeconds(59)));
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionTtl(Duration.ofSeconds(86_401)));
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionTtl(Duration.ofMinutes(-5)));
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionTtl(null));
    }

    @Test
    void a_duration_just_under_a_minute_is_refused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SessionTtl(Duration.ofSeconds(60).minusNanos(1)));
    }

    @Test
    void a_duration_just_over_a_day_is_refused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SessionTtl(Duration.ofSeconds(86_400).plusMillis(500)));
    }
}
