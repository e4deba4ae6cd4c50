package dev.latchkey.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FieldChangeTest {

    @Test
    void keep_leaves_the_current_value() {
        assertThat(FieldChange.<String>keep().applyTo(Optional.of("old"))).contains("old");
        assertThat(FieldChange.<String>keep().applyTo(Optional.empty())).isEmpty();
    }

    @Test
    void set_replaces_the_current_value() {
        assertThat(FieldChange.set(Optional.of("new")).applyTo(Optional.of("old"))).contains("new");
        assertThat(FieldChange.set(Optional.of("new")).applyTo(Optional.empty())).contains("new");
    }

    @Test
    void set_to_empty_clears_the_current_value() {
        assertThat(FieldChange.<String>set(Optional.empty()).applyTo(Optional.of("old"))).isEmpty();
    }

    @Test
    void map_converts_a_set_value_and_keeps_keep_and_clear_as_they_are() {
        assertThat(FieldChange.set(Optional.of("42")).map(Integer::parseInt)).isEqualTo(FieldChange.set(Optional.of(42)));
        assertThat(FieldChange.<String>set(Optional.empty()).map(Integer::parseInt)).isEqualTo(FieldChange.set(Optional.empty()));
        assertThat(FieldChange.<String>keep().map(Integer::parseInt)).isInstanceOf(FieldChange.Keep.class);
    }
}
