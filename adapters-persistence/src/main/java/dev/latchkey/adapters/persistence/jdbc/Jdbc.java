package dev.latchkey.adapters.persistence.jdbc;

import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Plain JDBC for what micronaut-data's repositories do not express (row locks, {@code RETURNING},
 * bulk deletes), run in the caller's transaction or a new one. A database failure becomes a
 * {@link StoreException} naming the store.
 */
public final class Jdbc {
    /** Statements to run on the transaction's connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final TransactionOperations<Connection> transactions;
    private final String store;

    public Jdbc(TransactionOperations<Connection> transactions, String store) {
        this.transactions = transactions;
        this.store = store;
    }

    public <T> T run(Work<T> work) {
        return transactions.executeWrite(status -> {
            try {
                return work.run(status.getConnection());
            } catch (SQLException e) {
                throw new StoreException(store + ": " + e.getMessage(), e);
            }
        });
    }
}
