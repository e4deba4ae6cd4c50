package dev.latchkey.adapters.persistence.activity;

import dev.latchkey.adapters.persistence.jdbc.Jdbc;
import dev.latchkey.adapters.persistence.jdbc.StoreException;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.ActivityLogStorePort;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.ActivityFilter;
import dev.latchkey.domain.activity.ActivityId;
import dev.latchkey.domain.activity.LoggedActivity;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The activity log in day-partitioned blocks ({@code V18__activity_log_blocks.sql}): each batch the
 * {@link ActivityLogWriter} takes is one row per workspace and day, its records encoded by
 * {@link ActivityBlock}. Reads open the blocks that can hold a match, newest first, and merge their
 * records into a page ordered by start time and id. A partition a batch needs that is not there yet
 * (the clock passed midnight before the housekeeping made it) is made before the insert.
 */
@Singleton
@TranslatesDatabaseFailures
public class ActivityLogPersistenceAdapter implements ActivityLogStorePort {
    private static final String TABLE = "activity_blocks";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern PARTITION = Pattern.compile(TABLE + "_p(\\d{8})");
    /** Blocks fetched from the database at a time while a page is merged: a page is usually in the first one or two. */
    private static final int BLOCKS_PER_FETCH = 4;
    /** Newest first: by start time, then by id (compared as unsigned bytes, as PostgreSQL orders uuids). */
    static final Comparator<LoggedActivity> NEWEST_FIRST = Comparator.<LoggedActivity, Instant>comparing(r -> r.activity().at())
            .thenComparing(LoggedActivity::id, ActivityLogPersistenceAdapter::compareIds).reversed();

    private final Jdbc jdbc;
    /** Days whose partition is known to exist, so a batch checks the catalog only for a new day. */
    private final Set<LocalDate> ready = ConcurrentHashMap.newKeySet();

    public ActivityLogPersistenceAdapter(TransactionOperations<Connection> transactions) {
        this.jdbc = new Jdbc(transactions, "activity log");
    }

    // --- reading ---

    @Override
    public List<LoggedActivity> list(ActivityFilter filter, Optional<Position> after, int limit) {
        if (limit < 1) {
            return List.of();
        }
        // Which blocks can hold a match: a block lists the accounts, connections, connectors, kinds and
        // statuses of its records, and spans first_at..last_at. The records themselves are matched below.
        StringBuilder sql = new StringBuilder("SELECT last_at, records FROM ").append(TABLE).append(" WHERE workspace_id = ?");
        List<Object> values = new ArrayList<>();
        values.add(filter.workspaceId().value());
        Optional<String> account = filter.linkedAccount().map(LinkedAccountId::value)
                .or(() -> filter.connection().flatMap(connection -> accountOf(filter.workspaceId(), connection)));
        account.ifPresent(id -> {
            // The accounts' index (a connection has no index of its own: its records are its account's).
            sql.append(" AND linked_account_ids @> ARRAY[CAST(? AS text)]");
            values.add(id);
        });
        filter.connection().ifPresent(connection -> {
            sql.append(" AND connection_ids @> ARRAY[CAST(? AS uuid)]");
            values.add(connection.value());
        });
        filter.connector().ifPresent(connector -> {
            sql.append(" AND connectors @> ARRAY[CAST(? AS text)]");
            values.add(connector.value());
        });
        filter.kind().ifPresent(kind -> {
            sql.append(" AND kinds @> ARRAY[CAST(? AS text)]");
            values.add(kind.wireName());
        });
        filter.status().ifPresent(range -> {
            sql.append(" AND EXISTS (SELECT FROM unnest(statuses) s WHERE s BETWEEN ? AND ?)");
            values.add(range.from());
            values.add(range.to());
        });
        filter.since().ifPresent(since -> {
            sql.append(" AND last_at >= ?");
            values.add(time(since));
        });
        filter.until().ifPresent(until -> {
            sql.append(" AND first_at < ?");
            values.add(time(until));
        });
        after.ifPresent(position -> {
            sql.append(" AND first_at <= ?");
            values.add(time(position.at()));
        });
        sql.append(" ORDER BY last_at DESC");
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    select.setObject(i + 1, values.get(i));
                }
                select.setFetchSize(BLOCKS_PER_FETCH);
                // The page so far, newest first; its last record is the oldest kept.
                TreeSet<LoggedActivity> page = new TreeSet<>(NEWEST_FIRST);
                try (ResultSet blocks = select.executeQuery()) {
                    while (blocks.next()) {
                        Instant lastAt = blocks.getObject(1, OffsetDateTime.class).toInstant();
                        if (page.size() == limit && lastAt.isBefore(page.last().activity().at())) {
                            break; // this block and every one after it hold only older records than the page's
                        }
                        for (LoggedActivity record : ActivityBlock.decode(filter.workspaceId(), blocks.getBytes(2))) {
                            if (filter.matches(record.activity()) && after.map(p -> isBefore(record, p)).orElse(true)) {
                                page.add(record);
                                if (page.size() > limit) {
                                    page.pollLast();
                                }
                            }
                        }
                    }
                }
                return List.copyOf(page);
            }
        });
    }

    @Override
    public Optional<LoggedActivity> find(WorkspaceId workspaceId, ActivityId id) {
        // A time-ordered id names the millisecond its record started in: only the blocks spanning it are
        // opened. (Ids of another layout, from before they were time-ordered, are looked for in them all.)
        Optional<Instant> millisecond = id.millisecond();
        String sql = "SELECT records FROM " + TABLE + " WHERE workspace_id = ?"
                + (millisecond.isPresent() ? " AND last_at >= ? AND first_at < ?" : "");
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setObject(1, workspaceId.value());
                if (millisecond.isPresent()) {
                    select.setObject(2, time(millisecond.get()));
                    select.setObject(3, time(millisecond.get().plusMillis(1)));
                }
                select.setFetchSize(BLOCKS_PER_FETCH);
                try (ResultSet blocks = select.executeQuery()) {
                    while (blocks.next()) {
                        for (LoggedActivity record : ActivityBlock.decode(workspaceId, blocks.getBytes(1))) {
                            if (record.id().equals(id)) {
                                return Optional.of(record);
                            }
                        }
                    }
                }
                return Optional.empty();
            }
        });
    }

    /** Whether the record comes after the position in a newest-first list. */
    private static boolean isBefore(LoggedActivity record, Position position) {
        int byTime = record.activity().at().compareTo(position.at());
        return byTime < 0 || byTime == 0 && compareIds(record.id(), position.id()) < 0;
    }

    private static int compareIds(ActivityId a, ActivityId b) {
        int high = Long.compareUnsigned(a.value().getMostSignificantBits(), b.value().getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.value().getLeastSignificantBits(), b.value().getLeastSignificantBits());
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

    // --- writing (ActivityLogWriter's thread) ---

    /**
     * Writes the records as one block per workspace and UTC day they fall on (almost always one), in one
     * transaction: a block is one row and a few index entries for up to a whole batch, where a row per
     * record cost the database about what the proxied request itself cost (bench/RESULTS.md).
     */
    void insert(List<LoggedActivity> records) {
        if (records.isEmpty()) {
            return;
        }
        record Key(WorkspaceId workspace, LocalDate day) {
        }
        Map<Key, List<LoggedActivity>> blocks = new LinkedHashMap<>();
        for (LoggedActivity record : records) {
            LocalDate day = day(record.activity().at());
            if (!ready.contains(day)) {
                createPartitions(day, 1);
            }
            blocks.computeIfAbsent(new Key(record.activity().workspace(), day), k -> new ArrayList<>()).add(record);
        }
        jdbc.run(c -> {
            try (Statement relaxed = c.createStatement()) {
                // A record may be lost in a crash of the database itself (as a full queue drops it), never
                // made wrong; without waiting for the WAL's flush, a batch costs the commit no disk wait.
                relaxed.execute("SET LOCAL synchronous_commit TO off");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (workspace_id, first_at, last_at, record_count, "
                    + "linked_account_ids, connection_ids, connectors, kinds, statuses, records) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<Key, List<LoggedActivity>> block : blocks.entrySet()) {
                    List<LoggedActivity> members = block.getValue();
                    Instant first = members.get(0).activity().at();
                    Instant last = first;
                    Set<String> accounts = new LinkedHashSet<>();
                    Set<UUID> connections = new LinkedHashSet<>();
                    Set<String> connectors = new LinkedHashSet<>();
                    Set<String> kinds = new LinkedHashSet<>();
                    Set<Short> statuses = new LinkedHashSet<>();
                    for (LoggedActivity member : members) {
                        Activity a = member.activity();
                        first = a.at().isBefore(first) ? a.at() : first;
                        last = a.at().isAfter(last) ? a.at() : last;
                        a.linkedAccount().ifPresent(id -> accounts.add(id.value()));
                        a.connection().ifPresent(id -> connections.add(id.value()));
                        a.connector().ifPresent(slug -> connectors.add(slug.value()));
                        kinds.add(a.kind().wireName());
                        a.answeredStatus().ifPresent(status -> statuses.add((short) status));
                    }
                    insert.setObject(1, block.getKey().workspace().value());
                    insert.setObject(2, time(first));
                    insert.setObject(3, time(last));
                    insert.setInt(4, members.size());
                    insert.setArray(5, c.createArrayOf("text", accounts.toArray()));
                    insert.setArray(6, c.createArrayOf("uuid", connections.toArray()));
                    insert.setArray(7, c.createArrayOf("text", connectors.toArray()));
                    insert.setArray(8, c.createArrayOf("text", kinds.toArray()));
                    insert.setArray(9, c.createArrayOf("int2", statuses.toArray()));
                    insert.setBytes(10, ActivityBlock.encode(members));
                    insert.addBatch();
                }
                insert.executeBatch();
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
