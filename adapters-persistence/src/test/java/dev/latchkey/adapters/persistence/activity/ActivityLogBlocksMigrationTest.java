package dev.latchkey.adapters.persistence.activity;

import dev.latchkey.adapters.persistence.support.TestPostgres;
import dev.latchkey.domain.activity.LoggedActivity;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** V18 moves the records an instance wrote one row each into blocks, and loses none of them or their fields. */
class ActivityLogBlocksMigrationTest {

    @Test
    void the_rows_of_before_become_blocks_of_at_most_a_thousand_per_workspace_and_day_that_decode_to_the_same_records() throws Exception {
        String url = TestPostgres.freshDatabaseUrl();
        String user = TestPostgres.server().username();
        String password = TestPostgres.server().password();
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target("17").load().migrate();
        UUID workspace = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID connection = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE activity_log_p20261203 PARTITION OF activity_log FOR VALUES FROM ('2026-12-03 00:00:00+00') TO ('2026-12-04 00:00:00+00')");
            sql.execute("CREATE TABLE activity_log_p20261204 PARTITION OF activity_log FOR VALUES FROM ('2026-12-04 00:00:00+00') TO ('2026-12-05 00:00:00+00')");
            // 2,500 proxied calls of one workspace on Dec 3rd, one refresh failure on Dec 4th, one webhook of another workspace.
            sql.execute("""
                    INSERT INTO activity_log (id, started_at, workspace_id, kind, linked_account_id, connector, connection_id, method, path,
                        provider_status, status, problem_code, duration_us, request_bytes, response_bytes, refreshed, replayed, error,
                        request_id, retries)
                    SELECT gen_random_uuid(), '2026-12-03 10:00:00.000001+00'::timestamptz + g * interval '1 second', '%1$s', 'proxy',
                           'cust-' || (g %% 7), 'hubspot', '%3$s', 'GET', '/crm/v3/objects/contacts', 200, 200, NULL, 1500 + g, 10, 2000,
                           g %% 2 = 0, false, NULL, 'req-' || g, g %% 3
                    FROM generate_series(1, 2500) g;
                    INSERT INTO activity_log VALUES (gen_random_uuid(), '2026-12-04 09:00:00.5+00', '%1$s', 'refresh', 'cust-1', 'hubspot',
                        '%3$s', 'POST', '/oauth/v1/token', 400, NULL, 'refresh_rejected', 90000, 300, 80, true, false,
                        'invalid_grant: "refresh token revoked"', 'req-x', 0);
                    INSERT INTO activity_log VALUES (gen_random_uuid(), '2026-12-04 09:30:00+00', '%2$s', 'webhook', NULL, NULL, NULL, 'POST',
                        '/hooks', 503, NULL, NULL, 1000, 500, 0, false, false, NULL, NULL, 0);
                    """.formatted(workspace, other, connection));
        }

        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();

        List<LoggedActivity> records = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement sql = c.createStatement()) {
            try (ResultSet blocks = sql.executeQuery("SELECT workspace_id, record_count, records, linked_account_ids, statuses FROM activity_blocks ORDER BY first_at")) {
                while (blocks.next()) {
                    List<LoggedActivity> block = ActivityBlock.decode(new WorkspaceId(blocks.getObject(1, UUID.class)), blocks.getBytes(3));
                    assertThat(block).hasSize(blocks.getInt(2));
                    sizes.add(block.size());
                    records.addAll(block);
                }
            }
            try (ResultSet old = sql.executeQuery("SELECT to_regclass('activity_log')")) {
                old.next();
                assertThat(old.getString(1)).as("the table of rows is gone").isNull();
            }
        }

        assertThat(sizes).containsExactly(1000, 1000, 500, 1, 1);
        assertThat(records).hasSize(2502);
        LoggedActivity first = records.get(0);
        assertThat(first.activity().at()).isEqualTo(Instant.parse("2026-12-03T10:00:01.000001Z"));
        assertThat(first.activity().workspace().value()).isEqualTo(workspace);
        assertThat(first.activity().linkedAccount()).map(a -> a.value()).contains("cust-1");
        assertThat(first.activity().connection()).map(id -> id.value()).contains(connection);
        assertThat(first.activity().path()).contains("/crm/v3/objects/contacts");
        assertThat(first.activity().duration()).isEqualTo(Duration.ofNanos(1_501_000));
        assertThat(first.activity().retries()).isEqualTo(1);
        assertThat(first.activity().requestId()).contains("req-1");
        assertThat(first.activity().providerDuration()).isEmpty();
        LoggedActivity refresh = records.get(2500);
        assertThat(refresh.activity().error()).contains("invalid_grant: \"refresh token revoked\"");
        assertThat(refresh.activity().status()).isEmpty();
        assertThat(refresh.activity().providerStatus()).hasValue(400);
        assertThat(refresh.activity().refreshed()).isTrue();
        LoggedActivity webhook = records.get(2501);
        assertThat(webhook.activity().workspace().value()).isEqualTo(other);
        assertThat(webhook.activity().linkedAccount()).isEqualTo(Optional.empty());
        assertThat(webhook.activity().connection()).isEmpty();
    }
}
