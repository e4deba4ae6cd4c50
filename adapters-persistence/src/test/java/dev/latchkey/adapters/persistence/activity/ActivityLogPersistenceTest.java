package dev.latchkey.adapters.persistence.activity;

import dev.latchkey.adapters.persistence.support.TestPostgres;
import dev.latchkey.application.port.out.ActivityLogStorePort.Position;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.ActivityFilter;
import dev.latchkey.domain.activity.ActivityId;
import dev.latchkey.domain.activity.ActivityKind;
import dev.latchkey.domain.activity.LoggedActivity;
import dev.latchkey.domain.activity.StatusRange;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The activity log's table on a real PostgreSQL: day partitions, retention by dropping them, batches, keyset pages, drops. */
@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActivityLogPersistenceTest implements TestPropertyProvider {
    @Inject
    ActivityLogPersistenceAdapter store;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestPostgres.freshDatabaseProperties());
        properties.put("latchkey.encryption-keys", "t1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        properties.put("latchkey.activity.enabled", "false");
        return properties;
    }

    private static Activity activity(WorkspaceId workspace, Instant at, int status, ConnectionId connection) {
        return Activity.of(at, workspace, ActivityKind.PROXY).status(status).providerStatus(status).connection(connection)
                .method("GET").path("/v1/things?token=secret").duration(Duration.ofMillis(3)).requestBytes(10).responseBytes(20).build();
    }

    @Test
    void partitions_are_made_ahead_and_days_past_the_retention_are_dropped_whole() {
        LocalDate today = LocalDate.of(2026, 3, 10);
        store.createPartitions(today.minusDays(20), 23);
        WorkspaceId workspace = WorkspaceId.random();
        Instant old = today.minusDays(20).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(60);
        store.insert(List.of(new LoggedActivity(dev.latchkey.domain.activity.ActivityId.of(java.time.Instant.now()), activity(workspace, old, 200, ConnectionId.random()))));

        List<LocalDate> dropped = store.dropPartitionsBefore(today.minusDays(13));

        assertThat(dropped).hasSize(7).contains(today.minusDays(20)).doesNotContain(today.minusDays(13));
        assertThat(store.partitions()).contains(today.minusDays(13), today, today.plusDays(2)).doesNotContain(today.minusDays(14));
        assertThat(store.list(ActivityFilter.all(workspace), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void a_full_queue_drops_and_counts_and_a_flush_writes_the_queued_batch_which_pages_newest_first() {
        ActivityLogWriter writer = new ActivityLogWriter(store, 7); // not started: records only queue
        WorkspaceId workspace = WorkspaceId.random();
        ConnectionId connection = ConnectionId.random();
        Instant start = Instant.parse("2026-12-05T10:00:00.123456Z");
        for (int i = 0; i < 10; i++) {
            writer.record(activity(workspace, start.plusSeconds(i), i % 2 == 0 ? 200 : 503, connection));
        }
        assertThat(writer.droppedCount()).isEqualTo(3);
        assertThat(writer.queued()).isEqualTo(7);

        writer.flush(Duration.ofSeconds(30));

        assertThat(writer.writtenCount()).isEqualTo(7);
        ActivityFilter byConnection = new ActivityFilter(workspace, Optional.empty(), Optional.of(connection), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        List<Instant> seen = new ArrayList<>();
        Optional<Position> after = Optional.empty();
        while (true) {
            List<LoggedActivity> page = store.list(byConnection, after, 3);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(p -> seen.add(p.activity().at()));
            LoggedActivity last = page.get(page.size() - 1);
            after = Optional.of(new Position(last.activity().at(), last.id()));
        }
        assertThat(seen).hasSize(7).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(seen.get(0)).isEqualTo(start.plusSeconds(6));
        LoggedActivity one = store.list(byConnection, Optional.empty(), 1).get(0);
        assertThat(one.activity().path()).contains("/v1/things");
        assertThat(store.find(workspace, one.id())).contains(one);
        assertThat(store.find(WorkspaceId.random(), one.id())).isEmpty();
        ActivityFilter fiveHundreds = new ActivityFilter(workspace, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(ActivityKind.PROXY), Optional.of(StatusRange.parse("5xx")), Optional.empty(), Optional.empty());
        assertThat(store.list(fiveHundreds, Optional.empty(), 50)).hasSize(3);
        writer.close();
        writer.record(activity(workspace, start, 200, connection));
        assertThat(writer.droppedCount()).isEqualTo(4);
    }

    @Test
    void every_field_comes_back_as_written_text_with_quotes_commas_and_line_breaks_empty_text_and_absent_values_alike() {
        WorkspaceId workspace = WorkspaceId.random();
        Instant at = Instant.parse("2026-12-05T10:00:00.654321Z");
        Activity full = Activity.of(at, workspace, ActivityKind.REFRESH)
                .linkedAccount(new dev.latchkey.domain.account.LinkedAccountId("cust-42@acme.io"))
                .connector(new dev.latchkey.domain.connector.ConnectorSlug("hubspot"))
                .connection(ConnectionId.random()).method("POST").path("/a,b/\"c\"/d\\e")
                .providerStatus(400).status(502).problemCode("refresh_rejected").duration(Duration.ofNanos(1_234_000)) // stored in microseconds
                .requestBytes(0).responseBytes(Long.MAX_VALUE).refreshed(true).replayed(true)
                .error("invalid_grant: \"token\", revoked\nsecond line, é ✓").requestId("req-1:a.b").build();
        Activity bare = Activity.of(at.plusSeconds(1), workspace, ActivityKind.WEBHOOK).build();
        Activity empty = Activity.of(at.plusSeconds(2), workspace, ActivityKind.PROXY).path("").error("").build();
        List<LoggedActivity> written = List.of(new LoggedActivity(ActivityId.of(full.at()), full),
                new LoggedActivity(ActivityId.of(bare.at()), bare),
                // an id of the layout before ids were time-ordered is found too, without its millisecond
                new LoggedActivity(new ActivityId(java.util.UUID.randomUUID()), empty));

        store.insert(written);

        for (LoggedActivity record : written) {
            assertThat(store.find(workspace, record.id())).as("record %s", record.id()).contains(record);
        }
    }
}
