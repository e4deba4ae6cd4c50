package dev.latchkey.domain.activity;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivityIdTest {
    private static final Instant AT = Instant.parse("2026-12-05T10:00:00.123456Z");

    @Test
    void an_id_is_a_version_7_uuid_whose_first_bits_are_its_records_time() {
        ActivityId id = ActivityId.of(AT);

        assertThat(id.value().version()).isEqualTo(7);
        assertThat(id.value().variant()).isEqualTo(2);
        assertThat(id.value().getMostSignificantBits() >>> 16).isEqualTo(AT.toEpochMilli());
    }

    @Test
    void an_id_names_the_millisecond_its_record_started_in_and_an_id_of_another_layout_names_none() {
        assertThat(ActivityId.of(AT).millisecond()).contains(Instant.parse("2026-12-05T10:00:00.123Z"));
        assertThat(new ActivityId(java.util.UUID.randomUUID()).millisecond()).isEmpty();
    }

    @Test
    void ids_of_a_later_millisecond_sort_after_and_ids_of_one_millisecond_do_not_repeat() {
        Set<ActivityId> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ActivityId.of(AT))).isTrue();
        }
        assertThat(ActivityId.of(AT.plusMillis(1)).value().toString()).isGreaterThan(ActivityId.of(AT).value().toString());
    }

    @Test
    void only_a_uuid_is_parsed() {
        ActivityId id = ActivityId.of(AT);
        assertThat(ActivityId.parse(id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> ActivityId.parse("not-an-id")).hasMessageContaining("GET /v1/logs");
    }
}
