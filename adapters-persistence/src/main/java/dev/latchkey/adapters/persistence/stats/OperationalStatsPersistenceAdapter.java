package dev.latchkey.adapters.persistence.stats;

import dev.latchkey.adapters.persistence.jdbc.Jdbc;
import dev.latchkey.application.port.out.OperationalStatsPort;
import dev.latchkey.domain.connection.ConnectionStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Grouped counts over every workspace for the operator's gauges (no row, id or workspace leaves this class). */
@Singleton
public class OperationalStatsPersistenceAdapter implements OperationalStatsPort {
    private final Jdbc jdbc;

    public OperationalStatsPersistenceAdapter(TransactionOperations<Connection> transactions) {
        this.jdbc = new Jdbc(transactions, "operational statistics");
    }

    @Override
    public Map<ConnectionStatus, Long> connectionsByStatus() {
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT status, count(*) AS n FROM connections GROUP BY status");
                 ResultSet rows = select.executeQuery()) {
                Map<ConnectionStatus, Long> counts = new EnumMap<>(ConnectionStatus.class);
                while (rows.next()) {
                    counts.put(ConnectionStatus.parse(rows.getString("status")), rows.getLong("n"));
                }
                return counts;
            }
        });
    }

    @Override
    public PendingDeliveries pendingDeliveries() {
        return jdbc.run(c -> {
            // webhook_deliveries_claim is a partial index on the pending rows: this reads only them.
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT count(*) AS n, min(created_at) AS oldest FROM webhook_deliveries WHERE status = 'pending'");
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                Timestamp oldest = rows.getTimestamp("oldest");
                return new PendingDeliveries(rows.getLong("n"), Optional.ofNullable(oldest).map(Timestamp::toInstant));
            }
        });
    }
}
