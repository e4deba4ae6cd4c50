package dev.latchkey.application.service;

import dev.latchkey.application.port.out.ActivityRecorderPort;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.ActivityKind;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RecordActivityServiceTest {
    private final Activity activity = Activity.of(Instant.EPOCH, new WorkspaceId(UUID.randomUUID()), ActivityKind.PROXY).build();

    @Test
    void every_recorder_gets_the_record_even_when_one_fails() {
        List<Activity> first = new ArrayList<>();
        List<Activity> last = new ArrayList<>();
        ActivityRecorderPort failing = a -> {
            throw new IllegalStateException("queue broken");
        };
        new RecordActivityService(List.of(first::add, failing, last::add)).record(activity);
        assertThat(first).containsExactly(activity);
        assertThat(last).containsExactly(activity);
    }
}
