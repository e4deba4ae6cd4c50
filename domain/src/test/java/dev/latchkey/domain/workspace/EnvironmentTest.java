package dev.latchkey.domain.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EnvironmentTest {

    @Test
    void parse_reads_the_two_lowercase_labels() {
        assertThat(Environment.parse("test")).isEqualTo(Environment.TEST);
        assertThat(Environment.parse("live")).isEqualTo(Environment.LIVE);
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void parse_reads_back_every_label(Environment environment) {
        assertThat(Environment.parse(environment.label())).isEqualTo(environment);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"TEST", "Live", "prod", "production", " test", "test ", "lk_test_"})
    void parse_refuses_anything_else(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Environment.parse(text))
                .withMessage("must be \"test\" or \"live\"");
    }

    @Test
    void each_environment_has_its_own_key_prefix() {
        assertThat(Environment.TEST.keyPrefix()).isEqualTo("lk_test_");
        assertThat(Environment.LIVE.keyPrefix()).isEqualTo("lk_live_");
        assertThat(Environment.TEST.label()).isEqualTo("test");
        assertThat(Environment.LIVE.label()).isEqualTo("live");
    }
}
