package dev.latchkey.domain.activity;

import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivityTest {
    private final WorkspaceId workspace = new WorkspaceId(UUID.randomUUID());

    @Test
    void query_values_never_reach_the_record() {
        Activity activity = Activity.of(Instant.EPOCH, workspace, ActivityKind.PROXY).path("/crm/v3/contacts?email=a@b.c&token=x").build();
        assertThat(activity.path()).contains("/crm/v3/contacts");
    }

    @Test
    void the_provider_error_is_truncated() {
        Activity activity = Activity.of(Instant.EPOCH, workspace, ActivityKind.REFRESH).error("x".repeat(10_000)).build();
        assertThat(activity.error().orElseThrow()).hasSize(Activity.MAX_ERROR_LENGTH + 1).endsWith("…");
    }

    @Test
    void negative_byte_counts_and_durations_are_refused() {
        assertThatThrownBy(() -> Activity.of(Instant.EPOCH, workspace, ActivityKind.PROXY).requestBytes(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Activity.of(Instant.EPOCH, workspace, ActivityKind.PROXY).duration(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Activity.of(Instant.EPOCH, workspace, ActivityKind.PROXY).providerDuration(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kinds_read_back_from_their_wire_names() {
        for (ActivityKind kind : ActivityKind.values()) {
            assertThat(ActivityKind.fromWire(kind.wireName())).isEqualTo(kind);
        }
        assertThatThrownBy(() -> ActivityKind.fromWire("PROXY")).hasMessageContaining("proxy, refresh, webhook");
    }
}
