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

    private Map<String, String> database;

    @Override
    public Map<String, String> getProperties() {
        database = TestPostgres.freshDatabaseProperties();
        Map<String, String> properties = new HashMap<>(database);
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
        // An AI agent's tool call (the MCP server): the kind the V16 migration lets the table hold.
        Activity tool = Activity.of(at.plusSeconds(3), workspace, ActivityKind.MCP).path("list_apps").status(200).build();
        Activity empty = Activity.of(at.plusSeconds(2), workspace, ActivityKind.PROXY).path("").error("").build();
        List<LoggedActivity> written = List.of(new LoggedActivity(ActivityId.of(full.at()), full),
                new LoggedActivity(ActivityId.of(bare.at()), bare),
                new LoggedActivity(ActivityId.of(tool.at()), tool),
                // an id of the layout before ids were time-ordered is found too, without its millisecond
                new LoggedActivity(new ActivityId(java.util.UUID.randomUUID()), empty));

        store.insert(written);

        for (LoggedActivity record : written) {
            assertThat(store.find(workspace, record.id())).as("record %s", record.id()).contains(record);
        }
    }

    @Test
    void records_of_blocks_whose_times_interleave_page_in_one_order_by_start_time_and_id_and_each_workspace_sees_only_its_own() {
        WorkspaceId workspace = WorkspaceId.random();
        WorkspaceId other = WorkspaceId.random();
        ConnectionId connection = ConnectionId.random();
        Instant start = Instant.parse("2026-12-05T11:00:00Z");
        List<LoggedActivity> expected = new ArrayList<>();
        // Three batches, each a block whose records span the whole minute: a slow call written late
        // started before a fast one written early. Two records share their microsecond.
        for (int batch = 0; batch < 3; batch++) {
            List<LoggedActivity> records = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Instant at = start.plusSeconds(i * 10L + batch * 3L);
                LoggedActivity mine = new LoggedActivity(ActivityId.of(at), activity(workspace, at, i == 2 ? 429 : 200, connection));
                records.add(mine);
                expected.add(mine);
                records.add(new LoggedActivity(ActivityId.of(at), activity(other, at, 200, ConnectionId.random())));
            }
            Instant twin = start.plusSeconds(1);
            LoggedActivity same = new LoggedActivity(ActivityId.of(twin), activity(workspace, twin, 200, connection));
            records.add(same);
            expected.add(same);
            store.insert(records);
        }
        expected.sort(ActivityLogPersistenceAdapter.NEWEST_FIRST);

        List<LoggedActivity> seen = new ArrayList<>();
        Optional<Position> after = Optional.empty();
        for (List<LoggedActivity> page = store.list(ActivityFilter.all(workspace), after, 4); !page.isEmpty();
             page = store.list(ActivityFilter.all(workspace), after, 4)) {
            seen.addAll(page);
            LoggedActivity last = page.get(page.size() - 1);
            after = Optional.of(new Position(last.activity().at(), last.id()));
        }

        assertThat(seen).containsExactlyElementsOf(expected);
        ActivityFilter tooMany = new ActivityFilter(workspace, Optional.empty(), Optional.of(connection), Optional.empty(),
                Optional.empty(), Optional.of(StatusRange.parse("429")), Optional.of(start.plusSeconds(20)), Optional.of(start.plusSeconds(40)));
        assertThat(store.list(tooMany, Optional.empty(), 10)).extracting(r -> r.activity().at())
                .containsExactly(start.plusSeconds(26), start.plusSeconds(23), start.plusSeconds(20));
        assertThat(store.find(other, expected.get(0).id())).isEmpty();
        assertThat(store.list(ActivityFilter.all(other), Optional.empty(), 100)).hasSize(15)
                .allSatisfy(r -> assertThat(r.activity().workspace()).isEqualTo(other));
    }

    @Test
    void the_sql_function_the_migration_and_test_data_use_writes_a_record_byte_for_byte_as_the_application_does() throws Exception {
        WorkspaceId workspace = WorkspaceId.random();
        Activity a = Activity.of(Instant.parse("2026-12-05T10:00:00.654321Z"), workspace, ActivityKind.REFRESH)
                .linkedAccount(new dev.latchkey.domain.account.LinkedAccountId("cust-42")).connector(new dev.latchkey.domain.connector.ConnectorSlug("hubspot"))
                .connection(ConnectionId.random()).method("POST").path("/oauth/token").providerStatus(400).problemCode("refresh_rejected")
                .duration(Duration.ofMillis(7)).requestBytes(12).responseBytes(34).replayed(true).error("invalid_grant é✓").requestId("req-7")
                .retries(2).build();
        LoggedActivity record = new LoggedActivity(ActivityId.of(a.at()), a);
        byte[] fromSql;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
             java.sql.PreparedStatement select = c.prepareStatement("""
                     SELECT '\\x01'::bytea || int4send(1) || activity_record_bytes(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)""")) {
            Object[] values = {record.id().value(), java.time.OffsetDateTime.ofInstant(a.at(), ZoneOffset.UTC), "refresh", "cust-42", "hubspot",
                    a.connection().get().value(), "POST", "/oauth/token", 400, null, "refresh_rejected", 7000L, 12L, 34L, false, true,
                    "invalid_grant é✓", "req-7", 2};
            for (int i = 0; i < values.length; i++) {
                select.setObject(i + 1, values[i]);
            }
            try (java.sql.ResultSet row = select.executeQuery()) {
                row.next();
                fromSql = row.getBytes(1);
            }
        }

        assertThat(fromSql).isEqualTo(ActivityBlock.encode(List.of(record)));
        assertThat(ActivityBlock.decode(workspace, fromSql)).containsExactly(record);
    }

    @Test
    void a_block_is_stored_out_of_line_without_compression_in_every_partition() throws Exception {
        store.createPartitions(LocalDate.of(2026, 12, 24), 1);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
             java.sql.ResultSet row = c.createStatement().executeQuery("""
                     SELECT attstorage FROM pg_attribute WHERE attrelid = 'activity_blocks_p20261224'::regclass AND attname = 'records'""")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("e");
        }
    }
}
