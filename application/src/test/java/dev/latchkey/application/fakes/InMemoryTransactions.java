package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.TransactionPort;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Runs the work at once. It counts what it ran so a test can tell work was done inside a
 * transaction; rollback is not simulated (the in-memory stores write through).
 */
public final class InMemoryTransactions implements TransactionPort {
    // Per thread, like a transaction bound to a database connection; the counts are shared.
    private final ThreadLocal<int[]> depthOfThread = ThreadLocal.withInitial(() -> new int[1]);
    private final List<Runnable> onEnd = new CopyOnWriteArrayList<>();
    private int committed;
    private int failed;

    /** Runs on the ending thread after each outermost transaction, committed or not (the stores release their row locks). */
    public void onEnd(Runnable action) {
        onEnd.add(action);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        int[] depth = depthOfThread.get();
        depth[0]++;
        try {
            T result = work.get();
            if (depth[0] == 1) {
                synchronized (this) {
                    committed++;
                }
            }
            return result;
        } catch (RuntimeException e) {
            if (depth[0] == 1) {
                synchronized (this) {
                    failed++;
                }
            }
            throw e;
        } finally {
            depth[0]--;
            if (depth[0] == 0) {
                onEnd.forEach(Runnable::run);
            }
        }
    }

    /** Whether the calling thread is inside a transaction. */
    public boolean isActive() {
        return depthOfThread.get()[0] > 0;
    }

    public synchronized int committed() {
        return committed;
    }

    public synchronized int failed() {
        return failed;
    }
}
