package dev.latchkey.application.port.out;

import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Connections, their credentials encrypted at rest by the adapter. Always within one workspace. */
public interface ConnectionStorePort {
    void insert(Connection connection);

    /** Replaces everything but the id, owner and creation time; the refresh schedule starts over ({@link RefreshSchedule#NONE}). */
    void update(Connection connection);

    Optional<Connection> find(WorkspaceId workspaceId, ConnectionId id);

    /** The account's connections, oldest first. */
    List<Connection> listByAccount(WorkspaceId workspaceId, LinkedAccountKey accountKey);

    /** The account's connections of one connector, oldest first (only those are decrypted). */
    List<Connection> listByAccount(WorkspaceId workspaceId, LinkedAccountKey accountKey, ConnectorSlug connector);

    boolean delete(WorkspaceId workspaceId, ConnectionId id);

    /**
     * Inside a transaction: the connection as it is now, locked until the transaction ends
     * ({@code SELECT ... FOR UPDATE}). Another transaction locking it waits, then reads what this one left.
     *
     * @param wait how long to wait for a lock another transaction holds
     * @throws RowLockTimeoutException when that lock was not released within {@code wait}; the transaction
     *                                 is then unusable and must end (let the exception leave it)
     */
    Optional<Connection> lockForUpdate(WorkspaceId workspaceId, ConnectionId id, Duration wait);

    /** The refresh schedule of a connection (read it under {@link #lockForUpdate}); NONE when there is none. */
    RefreshSchedule refreshSchedule(WorkspaceId workspaceId, ConnectionId id);

    /** Sets the refresh schedule, kept until the next {@link #update} or schedule. */
    void scheduleRefresh(WorkspaceId workspaceId, ConnectionId id, RefreshSchedule schedule);

    /**
     * Sets when the connection must be refreshed by whatever its token's expiry, because its provider revokes
     * refresh tokens left unused (the connector's {@code refresh_at_least_every}); empty when it need not be.
     * Not changed by {@link #update}: whoever stores new tokens sets it again.
     */
    void keepAliveBy(WorkspaceId workspaceId, ConnectionId id, Optional<Instant> at);

    /**
     * Inside a transaction: up to {@code limit} active connections due for a background refresh — with a
     * token expiring before {@code expiringBefore} or a keep-alive time that has come ({@link #keepAliveBy})
     * and no schedule, or a schedule whose time has come
     * ({@code at <= now}) — skipping rows other transactions hold ({@code FOR UPDATE SKIP LOCKED}). Each is
     * leased: its schedule's time becomes {@code leaseUntil} (failures kept), so no other instance claims it
     * again before the lease ends, even once this transaction commits.
     */
    List<Due> claimDueForRefresh(Instant now, Instant expiringBefore, Instant leaseUntil, int limit);

    /**
     * Inside a transaction: gives back claimed connections not refreshed after all (the service is
     * stopping): each still leased until {@code leaseUntil} is due again at {@code dueAt}, failures kept.
     * A connection whose schedule changed meanwhile (refreshed by a request) is left alone.
     */
    void releaseRefreshClaims(List<Due> claimed, Instant leaseUntil, Instant dueAt);

    /** A connection to refresh. */
    record Due(WorkspaceId workspaceId, ConnectionId id) {
        public Due {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * When to try a refresh next and after how many failures in a row. {@code failures > 0} is a backoff:
     * nobody calls the provider for this connection before {@code at}. {@code failures == 0} with a time is
     * a lease or a reminder for the background refresher only.
     */
    record RefreshSchedule(int failures, Optional<Instant> at) {
        public static final RefreshSchedule NONE = new RefreshSchedule(0, Optional.empty());

        public RefreshSchedule {
            if (failures < 0) {
                throw new IllegalArgumentException("failures must not be negative");
            }
            Objects.requireNonNull(at, "at");
        }

        public boolean backingOffAt(Instant now) {
            return failures > 0 && at.filter(now::isBefore).isPresent();
        }
    }
}
