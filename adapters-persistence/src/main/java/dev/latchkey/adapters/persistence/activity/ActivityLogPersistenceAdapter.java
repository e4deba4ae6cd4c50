package dev.latchkey.adapters.persistence.activity;

import dev.latchkey.adapters.persistence.jdbc.Jdbc;
import dev.latchkey.adapters.persistence.jdbc.StoreException;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.ActivityLogStorePort;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.ActivityFilter;
import dev.latchkey.domain.activity.ActivityId;
import dev.latchkey.domain.activity.ActivityKind;
import dev.latchkey.domain.activity.LoggedActivity;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The activity log table, partitioned by UTC day ({@code V9__activity_log.sql}): reads newest first by
 * keyset, batched inserts for {@link ActivityLogWriter}, and the partitions' making and dropping.
 * A partition a batch needs that is not there yet (the clock passed midnight before the housekeeping
 * made it) is made before the insert.
 */
@Singleton
@TranslatesDatabaseFailures
public class ActivityLogPersistenceAdapter implements ActivityLogStorePort {
    private static final String TABLE = "activity_log";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern PARTITION = Pattern.compile(TABLE + "_p(\\d{8})");
    private static final String COLUMNS = "id, started_at, workspace_id, kind, linked_account_id, connector, connection_id, method, path, "
            + "provider_status, status, problem_code, duration_us, request_bytes, response_bytes, refreshed, replayed, error, request_id, retries";

    private final Jdbc jdbc;
    /** Days whose partition is known to exist, so a batch checks the catalog only for a new day. */
    private final Set<LocalDate> ready = ConcurrentHashMap.newKeySet();

    public ActivityLogPersistenceAdapter(TransactionOperations<Connection> transactions) {
        this.jdbc = new Jdbc(transactions, "activity log");
    }

    // --- reading ---

    @Override
    public List<LoggedActivity> list(ActivityFilter filter, Optional<Position> after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ").append(TABLE).append(" WHERE workspace_id = ?");
        List<Object> values = new ArrayList<>();
        values.add(filter.workspaceId().value());
        filter.linkedAccount().ifPresent(account -> {
            sql.append(" AND linked_account_id = ?");
            values.add(account.value());
        });
        filter.connection().ifPresent(connection -> {
            if (filter.linkedAccount().isEmpty()) {
                // The log has no index of its own by connection (every index costs each proxied request):
                // a connection's records are its account's, found by the account index newest first.
                accountOf(filter.workspaceId(), connection).ifPresent(account -> {
                    sql.append(" AND linked_account_id = ?");
                    values.add(account);
                });
            }
            sql.append(" AND connection_id = ?");
            values.add(connection.value());
        });
        filter.connector().ifPresent(connector -> {
            sql.append(" AND connector = ?");
            values.add(connector.value());
        });
        filter.kind().ifPresent(kind -> {
            sql.append(" AND kind = ?");
            values.add(kind.wireName());
        });
        filter.status().ifPresent(range -> {
            // Latchkey's own answer when there was a caller; the provider's (or endpoint's) for background work.
            sql.append(" AND COALESCE(status, provider_status) BETWEEN ? AND ?");
            values.add(range.from());
            values.add(range.to());
            if (range.from() >= 400) {
                // Failures only: said as a constant, so the plan may read the failures' index (V15) even when
                // it is the prepared statement's generic plan, which cannot see that the parameter is >= 400.
                sql.append(" AND COALESCE(status, provider_status) >= 400");
            }
        });
        filter.since().ifPresent(since -> {
            sql.append(" AND started_at >= ?");
            values.add(time(since));
        });
        filter.until().ifPresent(until -> {
            sql.append(" AND started_at < ?");
            values.add(time(until));
        });
        after.ifPresent(position -> {
            sql.append(" AND (started_at, id) < (?, ?)");
            values.add(time(position.at()));
            values.add(position.id().value());
        });
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT ?");
        values.add(limit);
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    select.setObject(i + 1, values.get(i));
                }
                List<LoggedActivity> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(read(rows));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public Optional<LoggedActivity> find(WorkspaceId workspaceId, ActivityId id) {
        // No primary key either: a time-ordered id names the millisecond its record started in, so the
        // workspace's newest-first index finds it among that millisecond's. (Ids of another layout, from
        // before they were time-ordered, are looked for in the whole workspace.)
        Optional<Instant> millisecond = id.millisecond();
        String sql = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ? AND workspace_id = ?"
                + (millisecond.isPresent() ? " AND started_at >= ? AND started_at < ?" : "");
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setObject(1, id.value());
                select.setObject(2, workspaceId.value());
                if (millisecond.isPresent()) {
                    select.setObject(3, time(millisecond.get()));
                    select.setObject(4, time(millisecond.get().plusMillis(1)));
                }
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    /** The linked account (the company's id) a connection of the workspace belongs to, if it is still there. */
    private Optional<String> accountOf(WorkspaceId workspaceId, ConnectionId connection) {
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT a.external_id FROM connections c JOIN linked_accounts a ON a.account_key = c.account_key
                    WHERE c.id = ? AND c.workspace_id = ?""")) {
                select.setObject(1, connection.value());
                select.setObject(2, workspaceId.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private static LoggedActivity read(ResultSet rows) throws SQLException {
        Activity.Builder activity = Activity.of(rows.getObject("started_at", OffsetDateTime.class).toInstant(),
                        new WorkspaceId(rows.getObject("workspace_id", UUID.class)), ActivityKind.fromWire(rows.getString("kind")))
                .method(rows.getString("method"))
                .path(rows.getString("path"))
                .problemCode(rows.getString("problem_code"))
                .duration(Duration.of(rows.getLong("duration_us"), ChronoUnit.MICROS))
                .requestBytes(rows.getLong("request_bytes"))
                .responseBytes(rows.getLong("response_bytes"))
                .refreshed(rows.getBoolean("refreshed"))
                .replayed(rows.getBoolean("replayed"))
                .retries(rows.getShort("retries"))
                .error(rows.getString("error"))
                .requestId(rows.getString("request_id"));
        String account = rows.getString("linked_account_id");
        if (account != null) {
            activity.linkedAccount(new LinkedAccountId(account));
        }
        String connector = rows.getString("connector");
        if (connector != null) {
            activity.connector(new ConnectorSlug(connector));
        }
        UUID connection = rows.getObject("connection_id", UUID.class);
        if (connection != null) {
            activity.connection(new ConnectionId(connection));
        }
        int providerStatus = rows.getInt("provider_status");
        if (!rows.wasNull()) {
            activity.providerStatus(providerStatus);
        }
        int status = rows.getInt("status");
        if (!rows.wasNull()) {
            activity.status(status);
        }
        return new LoggedActivity(new ActivityId(rows.getObject("id", UUID.class)), activity.build());
    }

    // --- writing (ActivityLogWriter's thread) ---

    /**
     * Writes the records with one binary COPY per day they fall on (almost always one), straight into
     * that day's partition, in one transaction: at a proxied request's rate a row costs the database a
     * fraction of an INSERT's (no statement per row, no text to parse, no partition routing), which is CPU
     * the proxy keeps.
     */
    void insert(List<LoggedActivity> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<LocalDate, BinaryCopyRows> days = new TreeMap<>();
        for (LoggedActivity record : records) {
            LocalDate day = day(record.activity().at());
            if (!ready.contains(day)) {
                createPartitions(day, 1);
            }
            days.computeIfAbsent(day, d -> new BinaryCopyRows(records.size())).add(record);
        }
        jdbc.run(c -> {
            try (Statement relaxed = c.createStatement()) {
                // A record may be lost in a crash of the database itself (as a full queue drops it), never
                // made wrong; without waiting for the WAL's flush, a batch costs the commit no disk wait.
                relaxed.execute("SET LOCAL synchronous_commit TO off");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (Map.Entry<LocalDate, BinaryCopyRows> day : days.entrySet()) {
                byte[] rows = day.getValue().finish();
                CopyIn in = copy.copyIn("COPY " + partition(day.getKey()) + " (" + COLUMNS + ") FROM STDIN (FORMAT binary)");
                try {
                    in.writeToCopy(rows, 0, rows.length);
                    in.endCopy();
                } finally {
                    if (in.isActive()) {
                        in.cancelCopy();
                    }
                }
            }
            return null;
        });
    }

    // --- partitions ---

    @Override
    public void createPartitions(LocalDate firstDay, int days) {
        for (int i = 0; i < days; i++) {
            LocalDate day = firstDay.plusDays(i);
            try {
                jdbc.run(c -> {
                    try (Statement create = c.createStatement()) {
                        create.execute("CREATE TABLE IF NOT EXISTS " + partition(day) + " PARTITION OF " + TABLE
                                + " FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')");
                    }
                    return null;
                });
            } catch (StoreException e) {
                // Another instance made it at the same moment (IF NOT EXISTS does not cover that race): fine if it is there now.
                if (!partitions().contains(day)) {
                    throw e;
                }
            }
            ready.add(day);
        }
    }

    @Override
    public List<LocalDate> dropPartitionsBefore(LocalDate cutoff) {
        List<LocalDate> dropped = new ArrayList<>();
        for (LocalDate day : partitions()) {
            if (day.isBefore(cutoff)) {
                ready.remove(day);
                jdbc.run(c -> {
                    try (Statement drop = c.createStatement()) {
                        drop.execute("DROP TABLE IF EXISTS " + partition(day));
                    }
                    return null;
                });
                dropped.add(day);
            }
        }
        return dropped;
    }

    /** The days that have a partition, oldest first. */
    List<LocalDate> partitions() {
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT child.relname FROM pg_inherits i
                    JOIN pg_class child ON child.oid = i.inhrelid
                    WHERE i.inhparent = CAST(? AS regclass) ORDER BY child.relname""")) {
                select.setString(1, TABLE);
                List<LocalDate> days = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Matcher name = PARTITION.matcher(rows.getString(1));
                        if (name.matches()) {
                            days.add(LocalDate.parse(name.group(1), DAY));
                        }
                    }
                }
                return days;
            }
        });
    }

    private static String partition(LocalDate day) {
        return TABLE + "_p" + DAY.format(day);
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
