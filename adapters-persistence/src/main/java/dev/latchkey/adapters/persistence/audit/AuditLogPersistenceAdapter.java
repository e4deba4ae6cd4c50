package dev.latchkey.adapters.persistence.audit;

import dev.latchkey.adapters.persistence.jdbc.Jdbc;
import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.AuditLogStorePort;
import dev.latchkey.domain.audit.Actor;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEntryFilter;
import dev.latchkey.domain.audit.AuditEntryId;
import dev.latchkey.domain.audit.AuditTarget;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit log table ({@code V10__audit_log.sql}): an INSERT per entry, in its own transaction (or the
 * caller's), and reads newest first by keyset. There is deliberately no UPDATE or DELETE here, and the
 * table's triggers refuse them anyway.
 */
@Singleton
@TranslatesDatabaseFailures
public class AuditLogPersistenceAdapter implements AuditLogStorePort {
    private static final String COLUMNS = "id, at, workspace_id, actor_kind, actor_id, actor_label, action, target_path, target_ids, "
            + "status, client_address, request_id";

    private final Jdbc jdbc;
    private final JsonColumns json;

    public AuditLogPersistenceAdapter(TransactionOperations<Connection> transactions, JsonColumns json) {
        this.jdbc = new Jdbc(transactions, "audit log");
        this.json = json;
    }

    @Override
    public void append(AuditEntry entry) {
        jdbc.run(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_log (" + COLUMNS + ") VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)")) {
                insert.setObject(1, entry.id().value());
                insert.setObject(2, time(entry.at()));
                insert.setObject(3, entry.workspace().map(WorkspaceId::value).orElse(null), Types.OTHER);
                insert.setString(4, entry.actor().kind());
                insert.setString(5, entry.actor().id().orElse(null));
                insert.setString(6, entry.actor().label().orElse(null));
                insert.setString(7, entry.action());
                insert.setString(8, entry.target().path().orElse(null));
                insert.setString(9, json.stringMap(entry.target().ids()));
                insert.setShort(10, (short) entry.status());
                insert.setString(11, entry.clientAddress().orElse(null));
                insert.setString(12, entry.requestId().orElse(null));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<AuditEntry> list(AuditEntryFilter filter, Optional<Position> after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit_log WHERE TRUE");
        List<Object> values = new ArrayList<>();
        filter.workspace().ifPresent(workspace -> {
            sql.append(" AND workspace_id = ?");
            values.add(workspace.value());
        });
        filter.actor().ifPresent(actor -> {
            sql.append(" AND actor_kind = ?");
            values.add(actor.kind());
            actor.id().ifPresent(id -> {
                sql.append(" AND actor_id = ?");
                values.add(id);
            });
        });
        filter.action().ifPresent(action -> {
            sql.append(" AND action = ?");
            values.add(action);
        });
        filter.outcome().ifPresent(outcome -> {
            sql.append(switch (outcome) {
                case SUCCEEDED -> " AND status < 400";
                case REFUSED -> " AND status BETWEEN 400 AND 499";
                case FAILED -> " AND status >= 500";
            });
        });
        filter.since().ifPresent(since -> {
            sql.append(" AND at >= ?");
            values.add(time(since));
        });
        filter.until().ifPresent(until -> {
            sql.append(" AND at < ?");
            values.add(time(until));
        });
        after.ifPresent(position -> {
            sql.append(" AND (at, id) < (?, ?)");
            values.add(time(position.at()));
            values.add(position.id().value());
        });
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        values.add(limit);
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    select.setObject(i + 1, values.get(i));
                }
                List<AuditEntry> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(read(rows));
                    }
                }
                return found;
            }
        });
    }

    private AuditEntry read(ResultSet rows) throws SQLException {
        UUID workspace = rows.getObject("workspace_id", UUID.class);
        String path = rows.getString("target_path");
        return new AuditEntry(new AuditEntryId(rows.getObject("id", UUID.class)),
                Optional.ofNullable(workspace).map(WorkspaceId::new),
                rows.getObject("at", OffsetDateTime.class).toInstant(),
                Actor.of(rows.getString("actor_kind"), Optional.ofNullable(rows.getString("actor_id")),
                        Optional.ofNullable(rows.getString("actor_label"))),
                rows.getString("action"),
                new AuditTarget(Optional.ofNullable(path), json.stringMap(rows.getString("target_ids"))),
                rows.getShort("status"),
                Optional.ofNullable(rows.getString("client_address")),
                Optional.ofNullable(rows.getString("request_id")));
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
