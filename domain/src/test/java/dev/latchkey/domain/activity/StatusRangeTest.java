package dev.latchkey.domain.activity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusRangeTest {

    @Test
    void a_class_covers_its_hundred_and_a_status_only_itself() {
        assertThat(StatusRange.parse("4xx")).isEqualTo(new StatusRange(400, 499));
        assertThat(StatusRange.parse("5xx").contains(503)).isTrue();
        assertThat(StatusRange.parse("429")).isEqualTo(new StatusRange(429, 429));
        assertThat(StatusRange.parse("2xx").contains(301)).isFalse();
    }

    @Test
    void anything_else_is_refused_saying_what_is_accepted() {
        for (String bad : new String[]{"4XX", "600", "6xx", "42", "abc", "", "4xx,5xx"}) {
            assertThatThrownBy(() -> StatusRange.parse(bad)).as(bad).hasMessageContaining("status class");
        }
    }

    @Test
    void an_activity_id_reads_back_and_a_malformed_one_is_refused() {
        ActivityId id = ActivityId.of(java.time.Instant.now());
        assertThat(ActivityId.parse(id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> ActivityId.parse("nope")).hasMessageContaining("activity record id");
    }
}
