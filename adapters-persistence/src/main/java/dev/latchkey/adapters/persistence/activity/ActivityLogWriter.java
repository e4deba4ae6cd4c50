package dev.latchkey.adapters.persistence.activity;

import dev.latchkey.application.port.out.ActivityDropCounterPort;
import dev.latchkey.application.port.out.ActivityRecorderPort;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.ActivityId;
import dev.latchkey.domain.activity.LoggedActivity;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes activity records to the log off the request path. {@link #record} only offers the record to a
 * bounded queue ({@code latchkey.activity.queue-size}, {@code LATCHKEY_LOG_QUEUE}) and returns: when the
 * queue is full the record is dropped and counted ({@link #droppedCount()}), so logging never slows or
 * fails a request. One background thread takes what is queued, up to {@link #BATCH} at a time, every
 * {@link #LINGER} or at once while batches come full, and writes it as one block per workspace (one INSERT); a batch the database refuses (it is away) is lost and counted
 * ({@link #failedCount()}). A stop writes what is still queued ({@link #close()}).
 * {@code LATCHKEY_LOG_ENABLED=false} leaves this bean out: nothing is written.
 */
@Singleton
@Requires(property = "latchkey.activity.enabled", notEquals = "false")
public class ActivityLogWriter implements ActivityRecorderPort, ActivityDropCounterPort, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActivityLogWriter.class);
    static final int BATCH = 1000;
    /**
     * How long the thread sleeps after a batch that emptied the queue: what a record waits at most before its write starts.
     * Each batch costs a transaction and two statements whatever its size; at 25 ms that fixed cost was most of what the
     * log cost the process below saturation (bench/RESULTS.md), for records nobody reads within a tenth of a second.
     */
    static final Duration LINGER = Duration.ofMillis(100);
    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);

    private final ActivityLogPersistenceAdapter store;
    private final BlockingQueue<LoggedActivity> queue;
    /** One batch is written at a time: the thread's, or a {@link #flush()}'s. */
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    /** Records queued and not yet written or lost. */
    private final AtomicLong pending = new AtomicLong();
    private volatile Thread thread;
    private volatile boolean closed;
    private long lastFailureLogged;

    public ActivityLogWriter(ActivityLogPersistenceAdapter store, @Value("${latchkey.activity.queue-size:10000}") int queueSize) {
        if (queueSize < 1) {
            throw new IllegalArgumentException("latchkey.activity.queue-size must be at least 1");
        }
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(queueSize);
    }

    /** Starts the background writer; until then records only queue (tests fill the queue deterministically so). */
    @PostConstruct
    public synchronized void start() {
        if (thread == null && !closed) {
            thread = Thread.ofPlatform().daemon().name("activity-log-writer").start(this::run);
        }
    }

    @Override
    public void record(Activity activity) {
        if (closed) {
            dropped.incrementAndGet();
            return;
        }
        pending.incrementAndGet();
        if (!queue.offer(new LoggedActivity(ActivityId.of(activity.at()), activity))) {
            pending.decrementAndGet();
            dropped.incrementAndGet();
        }
    }

    /** Records dropped because the queue was full (or the writer stopped): the metric of the log's losses. */
    @Override
    public long droppedActivities() {
        return droppedCount();
    }

    public long droppedCount() {
        return dropped.get();
    }

    /** Records lost because the database refused their batch. */
    public long failedCount() {
        return failed.get();
    }

    /** Records written so far. */
    public long writtenCount() {
        return written.get();
    }

    /** Records waiting in the queue. */
    public int queued() {
        return queue.size();
    }

    public int capacity() {
        return queue.size() + queue.remainingCapacity();
    }

    private void run() {
        while (!closed) {
            int taken;
            writing.lock();
            try {
                List<LoggedActivity> batch = new ArrayList<>(Math.min(BATCH, queue.size()));
                taken = queue.drainTo(batch, BATCH);
                if (taken > 0) {
                    write(batch);
                }
            } finally {
                writing.unlock();
            }
            if (taken < BATCH) {
                // The thread never waits on the queue itself: a record offered to a queue with a waiting
                // taker costs the request thread a wake-up of this one, every time. It sleeps instead,
                // and the next batch gathers meanwhile.
                LockSupport.parkNanos(LINGER.toNanos());
            }
        }
    }

    /**
     * Writes everything queued now on the caller's thread, and waits (at most {@code timeout}) for the
     * batch the background thread may be writing: once it returns, every record recorded before the
     * call is in the database (or counted as lost).
     */
    public void flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            try {
                if (!writing.tryLock(10, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                List<LoggedActivity> batch = new ArrayList<>();
                while (queue.drainTo(batch, BATCH) > 0) {
                    write(batch);
                    batch.clear();
                }
            } finally {
                writing.unlock();
            }
            if (pending.get() > 0) {
                Thread.onSpinWait(); // a record being offered at this moment: it is in the queue at the next turn
            }
        }
    }

    private void write(List<LoggedActivity> batch) {
        try {
            store.insert(batch);
            written.addAndGet(batch.size());
        } catch (RuntimeException e) {
            failed.addAndGet(batch.size());
            long now = System.nanoTime();
            if (lastFailureLogged == 0 || now - lastFailureLogged > FAILURE_LOG_INTERVAL.toNanos()) {
                lastFailureLogged = now;
                LOG.warn("The activity log could not write {} records ({}); they are lost", batch.size(), e.getClass().getSimpleName());
            }
        } finally {
            pending.addAndGet(-batch.size());
        }
    }

    /** On a stop: no record is taken any more; what is queued is written. */
    @PreDestroy
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
        }
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush(Duration.ofSeconds(10));
    }
}
