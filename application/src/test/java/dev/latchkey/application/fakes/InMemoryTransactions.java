package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.TransactionPort;

import java.util.function.Supplier;

/**
 * Runs the work at once. It counts what it ran so a test can tell work was done inside a
 * transaction; rollback is not simulated (the in-memory stores write through).
 */
public final class InMemoryTransactions implements TransactionPort {
    private int depth;
    private int committed;
    private int failed;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        depth++;
        try {
            T result = work.get();
            if (depth == 1) {
                committed++;
            }
            return result;
        } catch (RuntimeException e) {
            if (depth == 1) {
                failed++;
            }
            throw e;
        } finally {
            depth--;
        }
    }

    public boolean isActive() {
        return depth > 0;
    }

    public int committed() {
        return committed;
    }

    public int failed() {
        return failed;
    }
}
