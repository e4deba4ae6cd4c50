package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.RowLockTimeoutException;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Connections in insertion order, scoped by workspace like the database. Thread-safe.
 *
 * <p>Row locks: {@link #lockForUpdate} takes a per-connection {@link ReentrantLock} that the calling
 * thread holds until the {@link InMemoryTransactions} it was created with ends its outermost
 * transaction (like {@code FOR UPDATE}); other threads wait. Without transactions (a store built with
 * the no-argument constructor) the lock is released at once: no mutual exclusion then. A lock not
 * granted within the wait is a {@link RowLockTimeoutException} (like PostgreSQL's {@code lock_timeout}).
 * {@link #claimDueForRefresh} skips connections whose lock another thread holds (like {@code SKIP LOCKED}).
 */
public final class InMemoryConnectionStore implements ConnectionStorePort {
    private final Map<ConnectionId, Connection> rows = new LinkedHashMap<>();
    private final Map<ConnectionId, RefreshSchedule> schedules = new HashMap<>();
    private final Map<ConnectionId, Instant> keepAlive = new HashMap<>();
    private final Map<ConnectionId, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final ThreadLocal<List<ReentrantLock>> held = ThreadLocal.withInitial(ArrayList::new);
    private final InMemoryTransactions transactions;

    public InMemoryConnectionStore() {
        this(null);
    }

    public InMemoryConnectionStore(InMemoryTransactions transactions) {
        this.transactions = transactions;
        if (transactions != null) {
            transactions.onEnd(this::releaseLocks);
        }
    }

    @Override
    public synchronized void insert(Connection connection) {
        if (rows.putIfAbsent(connection.id(), connection) != null) {
            throw new IllegalStateException("duplicate connection id");
        }
    }

    @Override
    public synchronized void update(Connection connection) {
        if (!rows.containsKey(connection.id())) {
            throw new IllegalStateException("no such connection");
        }
        rows.put(connection.id(), connection);
        schedules.remove(connection.id());
    }

    @Override
    public synchronized Optional<Connection> find(WorkspaceId workspaceId, ConnectionId id) {
        return Optional.ofNullable(rows.get(id)).filter(c -> c.workspaceId().equals(workspaceId));
    }

    @Override
    public synchronized List<Connection> listByAccount(WorkspaceId workspaceId, LinkedAccountKey accountKey) {
        return rows.values().stream().filter(c -> c.workspaceId().equals(workspaceId) && c.accountKey().equals(accountKey)).toList();
    }

    @Override
    public synchronized List<Connection> listByAccount(WorkspaceId workspaceId, LinkedAccountKey accountKey, ConnectorSlug connector) {
        return listByAccount(workspaceId, accountKey).stream().filter(c -> c.connector().equals(connector)).toList();
    }

    @Override
    public synchronized boolean delete(WorkspaceId workspaceId, ConnectionId id) {
        return find(workspaceId, id).map(c -> rows.remove(id) != null).orElse(false);
    }

    /** Like ON DELETE CASCADE from linked_accounts. */
    public synchronized void deleteAccount(LinkedAccountKey key) {
        rows.values().removeIf(c -> c.accountKey().equals(key));
    }

    public synchronized List<Connection> all() {
        return new ArrayList<>(rows.values());
    }

    @Override
    public Optional<Connection> lockForUpdate(WorkspaceId workspaceId, ConnectionId id, Duration wait) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        try {
            if (!lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new RowLockTimeoutException("connection " + id + " stayed locked for " + wait, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RowLockTimeoutException("interrupted while waiting for the lock of connection " + id, e);
        }
        if (transactions != null && transactions.isActive()) {
            held.get().add(lock);
        } else {
            lock.unlock();
        }
        return find(workspaceId, id);
    }

    @Override
    public synchronized RefreshSchedule refreshSchedule(WorkspaceId workspaceId, ConnectionId id) {
        return find(workspaceId, id).map(c -> schedules.getOrDefault(id, RefreshSchedule.NONE)).orElse(RefreshSchedule.NONE);
    }

    @Override
    public synchronized void scheduleRefresh(WorkspaceId workspaceId, ConnectionId id, RefreshSchedule schedule) {
        if (find(workspaceId, id).isPresent()) {
            schedules.put(id, schedule);
        }
    }

    @Override
    public synchronized void keepAliveBy(WorkspaceId workspaceId, ConnectionId id, Optional<Instant> at) {
        if (find(workspaceId, id).isPresent()) {
            at.ifPresentOrElse(time -> keepAlive.put(id, time), () -> keepAlive.remove(id));
        }
    }

    public synchronized Optional<Instant> keepAliveBy(ConnectionId id) {
        return Optional.ofNullable(keepAlive.get(id));
    }

    @Override
    public synchronized List<Due> claimDueForRefresh(Instant now, Instant expiringBefore, Instant leaseUntil, int limit) {
        List<Due> claimed = rows.values().stream()
                .filter(c -> c.status() == ConnectionStatus.ACTIVE)
                .filter(c -> {
                    RefreshSchedule schedule = schedules.getOrDefault(c.id(), RefreshSchedule.NONE);
                    if (schedule.at().isPresent()) {
                        return !schedule.at().get().isAfter(now);
                    }
                    return c.credentials().token().flatMap(AccessToken::expiresAt).filter(at -> !at.isAfter(expiringBefore)).isPresent()
                            || Optional.ofNullable(keepAlive.get(c.id())).filter(at -> !at.isAfter(now)).isPresent();
                })
                .filter(c -> {
                    ReentrantLock lock = locks.get(c.id());
                    return lock == null || !lock.isLocked() || lock.isHeldByCurrentThread();
                })
                .sorted(Comparator.comparing((Connection c) -> c.credentials().token().flatMap(AccessToken::expiresAt).orElse(Instant.MAX)))
                .limit(limit)
                .map(c -> new Due(c.workspaceId(), c.id()))
                .toList();
        claimed.forEach(due -> schedules.put(due.id(), new RefreshSchedule(
                schedules.getOrDefault(due.id(), RefreshSchedule.NONE).failures(), Optional.of(leaseUntil))));
        return claimed;
    }

    @Override
    public synchronized void releaseRefreshClaims(List<Due> claimed, Instant leaseUntil, Instant dueAt) {
        for (Due due : claimed) {
            RefreshSchedule schedule = schedules.getOrDefault(due.id(), RefreshSchedule.NONE);
            if (schedule.at().filter(leaseUntil::equals).isPresent()) {
                schedules.put(due.id(), new RefreshSchedule(schedule.failures(), Optional.of(dueAt)));
            }
        }
    }

    public synchronized RefreshSchedule schedule(ConnectionId id) {
        return schedules.getOrDefault(id, RefreshSchedule.NONE);
    }

    private void releaseLocks() {
        List<ReentrantLock> mine = held.get();
        mine.forEach(ReentrantLock::unlock);
        mine.clear();
    }
}
