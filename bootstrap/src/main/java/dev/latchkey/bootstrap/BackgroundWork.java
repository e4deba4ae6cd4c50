package dev.latchkey.bootstrap;

import dev.latchkey.domain.DatabaseUnavailableException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The runs of the background workers ({@link BackgroundRefresh}, {@link WebhookDispatcher},
 * {@link Housekeeping}), so a stop can wait for them: once {@link #stop() stopped}, no run starts and
 * a running one claims no further batch; what it claimed it finishes or gives back (its leases end
 * with it), and only then is the database closed.
 */
@Singleton
public class BackgroundWork {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    private final Object lock = new Object();
    private boolean stopped;
    private int running;

    /**
     * Runs one tick of a worker, unless the service is stopping. A database outage ends the tick
     * quietly: the outage itself is logged once, when it starts and when it ends.
     */
    void run(Runnable tick) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            running++;
        }
        try {
            tick.run();
        } catch (DatabaseUnavailableException e) {
            LOG.debug("A background worker waits for the database");
        } finally {
            synchronized (lock) {
                running--;
                lock.notifyAll();
            }
        }
    }

    /** Whether a worker should claim no more: the service is stopping. */
    boolean stopping() {
        synchronized (lock) {
            return stopped;
        }
    }

    /** No run starts from now on. */
    void stop() {
        synchronized (lock) {
            stopped = true;
        }
    }

    /**
     * Waits, at most {@code timeout}, for the runs under way to end.
     *
     * @return how many are still running
     */
    int awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            for (long left = timeout.toNanos(); running > 0 && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return running;
        }
    }
}
