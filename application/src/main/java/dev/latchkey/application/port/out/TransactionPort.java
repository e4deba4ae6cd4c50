package dev.latchkey.application.port.out;

import java.util.function.Supplier;

/** Runs work atomically: all of its writes land, or none do. */
public interface TransactionPort {
    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
