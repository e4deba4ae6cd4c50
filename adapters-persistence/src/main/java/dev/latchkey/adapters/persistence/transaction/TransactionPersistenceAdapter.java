package dev.latchkey.adapters.persistence.transaction;

import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.TransactionPort;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.function.Supplier;

/** Transactions on the default data source; repository calls inside the work join them. */
@Singleton
@TranslatesDatabaseFailures
public class TransactionPersistenceAdapter implements TransactionPort {
    private final TransactionOperations<Connection> transactions;

    public TransactionPersistenceAdapter(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }
}
