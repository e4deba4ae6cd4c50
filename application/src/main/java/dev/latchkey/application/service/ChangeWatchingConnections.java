package dev.latchkey.application.service;

import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The connection store, telling the remembered proxy targets about every write made through it. */
final class ChangeWatchingConnections implements ConnectionStorePort {
    private final ConnectionStorePort store;
    private final PrepareProxyRequestService.RememberedTargets remembered;

    ChangeWatchingConnections(ConnectionStorePort store, PrepareProxyRequestService.RememberedTargets remembered) {
        this.store = store;
        this.remembered = remembered;
    }

    @Override
    public void insert(Connection connection) {
        remembered.changed(connection.id());
        store.insert(connection);
    }

    @Override
    public void update(Connection connection) {
        remembered.changed(connection.id());
        store.update(connection);
        remembered.changed(connection.id());
    }

    @Override
    public boolean delete(WorkspaceId workspaceId, ConnectionId id) {
        remembered.changed(id);
        boolean deleted = store.delete(workspaceId, id);
        remembered.changed(id);
        return deleted;
    }

    @Override
    public Optional<Connection> find(WorkspaceId workspaceId, ConnectionId id) {
        return store.find(workspaceId, id);
    }

    @Override
    public List<Connection> listByAccount(WorkspaceId workspaceId, LinkedAccountKey accountKey) {
        return store.listByAccount(workspaceId, accountKey);
    }

    @Override
    public List<Connection> listByAccount(WorkspaceId workspaceId, LinkedAccountKey accountKey, ConnectorSlug connector) {
        return store.listByAccount(workspaceId, accountKey, connector);
    }

    @Override
    public Optional<Connection> lockForUpdate(WorkspaceId workspaceId, ConnectionId id, Duration wait) {
        return store.lockForUpdate(workspaceId, id, wait);
    }

    @Override
    public RefreshSchedule refreshSchedule(WorkspaceId workspaceId, ConnectionId id) {
        return store.refreshSchedule(workspaceId, id);
    }

    @Override
    public void scheduleRefresh(WorkspaceId workspaceId, ConnectionId id, RefreshSchedule schedule) {
        store.scheduleRefresh(workspaceId, id, schedule);
    }

    @Override
    public void keepAliveBy(WorkspaceId workspaceId, ConnectionId id, Optional<Instant> at) {
        store.keepAliveBy(workspaceId, id, at);
    }

    @Override
    public List<Due> claimDueForRefresh(Instant now, Instant expiringBefore, Instant leaseUntil, int limit) {
        return store.claimDueForRefresh(now, expiringBefore, leaseUntil, limit);
    }

    @Override
    public void releaseRefreshClaims(List<Due> claimed, Instant leaseUntil, Instant dueAt) {
        store.releaseRefreshClaims(claimed, leaseUntil, dueAt);
    }
}
