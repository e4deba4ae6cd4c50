package dev.latchkey.domain.activity;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivityIdTest {
    @Test
    void a_new_id_is_a_version_7_uuid_whose_first_bits_are_the_clock() {
        long before = System.currentTimeMillis();
        ActivityId id = ActivityId.random();
        long after = System.currentTimeMillis();

        assertThat(id.value().version()).isEqualTo(7);
        assertThat(id.value().variant()).isEqualTo(2);
        assertThat(id.value().getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void ids_of_a_later_millisecond_sort_after_and_none_repeat() throws InterruptedException {
        Set<ActivityId> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ActivityId.random())).isTrue();
        }
        ActivityId first = ActivityId.random();
        long millisecond = first.value().getMostSignificantBits() >>> 16;
        while (System.currentTimeMillis() == millisecond) {
            Thread.sleep(1);
        }
        assertThat(ActivityId.random().value().toString()).isGreaterThan(first.value().toString());
    }

    @Test
    void only_a_uuid_is_parsed() {
        ActivityId id = ActivityId.random();
        assertThat(ActivityId.parse(id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> ActivityId.parse("not-an-id")).hasMessageContaining("GET /v1/logs");
    }
}
