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

import java.io.IOException;
import java.io.StringReader;
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
import java.util.Optional;
import java.util.Set;
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
            + "provider_status, status, problem_code, duration_us, request_bytes, response_bytes, refreshed, replayed, error, request_id";

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
                // Failures only: said as a constant, so the plan may read the failures' index (V14) even when
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
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ? AND workspace_id = ?")) {
                select.setObject(1, id.value());
                select.setObject(2, workspaceId.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
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
     * Writes the records with one COPY, in one transaction: at a proxied request's rate, a row costs the
     * database a fraction of an INSERT's (no statement executed per row), which is CPU the proxy keeps.
     */
    void insert(List<LoggedActivity> records) {
        if (records.isEmpty()) {
            return;
        }
        for (LoggedActivity record : records) {
            LocalDate day = day(record.activity().at());
            if (!ready.contains(day)) {
                createPartitions(day, 1);
            }
        }
        StringBuilder csv = new StringBuilder(records.size() * 200);
        for (LoggedActivity record : records) {
            row(csv, record);
        }
        jdbc.run(c -> {
            try (Statement relaxed = c.createStatement()) {
                // A record may be lost in a crash of the database itself (as a full queue drops it), never
                // made wrong; without waiting for the WAL's flush, a batch costs the commit no disk wait.
                relaxed.execute("SET LOCAL synchronous_commit TO off");
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + TABLE + " (" + COLUMNS + ") FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
            } catch (IOException e) {
                throw new SQLException("COPY into " + TABLE + " failed", e);
            }
            return null;
        });
    }

    /** One CSV line of COPY: a null is an empty field, text is always quoted (so an empty string stays one). */
    private static void row(StringBuilder csv, LoggedActivity record) {
        Activity a = record.activity();
        csv.append(record.id().value()).append(',')
                .append(time(a.at())).append(',')
                .append(a.workspace().value()).append(',');
        text(csv, a.kind().wireName());
        text(csv, a.linkedAccount().map(LinkedAccountId::value).orElse(null));
        text(csv, a.connector().map(ConnectorSlug::value).orElse(null));
        csv.append(a.connection().map(ConnectionId::value).map(UUID::toString).orElse("")).append(',');
        text(csv, a.method().orElse(null));
        text(csv, a.path().orElse(null));
        csv.append(status(a.providerStatus())).append(',')
                .append(status(a.status())).append(',');
        text(csv, a.problemCode().orElse(null));
        csv.append(micros(a.duration())).append(',')
                .append(a.requestBytes()).append(',')
                .append(a.responseBytes()).append(',')
                .append(a.refreshed()).append(',')
                .append(a.replayed()).append(',');
        text(csv, a.error().orElse(null));
        String requestId = a.requestId().orElse(null);
        if (requestId != null) {
            csv.append('"').append(requestId.replace("\"", "\"\"")).append('"');
        }
        csv.append('\n');
    }

    private static void text(StringBuilder csv, String value) {
        if (value != null) {
            csv.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
        csv.append(',');
    }

    /** A status that fits the smallint column, or null (an empty field). */
    private static String status(java.util.OptionalInt status) {
        return status.isPresent() && status.getAsInt() >= -32768 && status.getAsInt() <= 32767 ? String.valueOf(status.getAsInt()) : "";
    }

    private static long micros(Duration duration) {
        try {
            return duration.toNanos() / 1000;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
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
