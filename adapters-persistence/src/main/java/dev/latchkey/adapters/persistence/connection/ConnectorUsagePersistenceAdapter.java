package dev.latchkey.adapters.persistence.connection;

import dev.latchkey.adapters.persistence.jdbc.Jdbc;
import dev.latchkey.application.port.out.ConnectorUsagePort;
import dev.latchkey.domain.connector.ConnectorSlug;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One grouped query over the connections, for the start-up check of connectors that were removed. */
@Singleton
public class ConnectorUsagePersistenceAdapter implements ConnectorUsagePort {
    private final Jdbc jdbc;

    public ConnectorUsagePersistenceAdapter(TransactionOperations<Connection> transactions) {
        this.jdbc = new Jdbc(transactions, "connection store");
    }

    @Override
    public Map<ConnectorSlug, Long> connectionsWithoutConnector(Set<ConnectorSlug> catalog) {
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT c.connector, count(*) AS connections FROM connections c
                    WHERE c.connector <> ALL (?)
                      AND NOT EXISTS (SELECT 1 FROM private_connectors p WHERE p.workspace_id = c.workspace_id AND p.slug = c.connector)
                    GROUP BY c.connector ORDER BY c.connector""")) {
                select.setArray(1, c.createArrayOf("text", catalog.stream().map(ConnectorSlug::value).toArray()));
                Map<ConnectorSlug, Long> counts = new TreeMap<>(java.util.Comparator.comparing(ConnectorSlug::value));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        counts.put(new ConnectorSlug(rows.getString("connector")), rows.getLong("connections"));
                    }
                }
                return counts;
            }
        });
    }
}
