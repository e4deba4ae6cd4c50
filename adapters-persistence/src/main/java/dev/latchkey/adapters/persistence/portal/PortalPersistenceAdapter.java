package dev.latchkey.adapters.persistence.portal;

import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.ConnectLinkStorePort;
import dev.latchkey.application.port.out.PortalSessionStorePort;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.portal.ConnectLink;
import dev.latchkey.domain.portal.PortalSession;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Connect links (single use by a guarded UPDATE) and portal sessions. */
@Singleton
@TranslatesDatabaseFailures
public class PortalPersistenceAdapter implements ConnectLinkStorePort, PortalSessionStorePort {
    /** How long a used or expired link is kept so its refusal page can be branded. */
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);
    static final int SWEEP_LIMIT = 100;

    private static final String INSERT_LINK = """
            INSERT INTO connect_links (code_hash, workspace_id, account_key, account_id, scope, created_at, expires_at)
            VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""";
    /** One statement: of two concurrent visits, only one sees used_at still null. */
    private static final String TAKE_LINK = """
            UPDATE connect_links SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?
            RETURNING code_hash, workspace_id, account_key, account_id, scope, created_at, expires_at""";
    private static final String LINK_WORKSPACE = "SELECT workspace_id FROM connect_links WHERE code_hash = ?";
    private static final String SWEEP_LINKS = """
            DELETE FROM connect_links WHERE code_hash IN (
                SELECT code_hash FROM connect_links WHERE expires_at <= ? LIMIT ? FOR UPDATE SKIP LOCKED)""";
    private static final String INSERT_SESSION = """
            INSERT INTO portal_sessions (id_hash, workspace_id, account_key, account_id, scope, created_at, expires_at)
            VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""";
    private static final String FIND_SESSION = """
            SELECT id_hash, workspace_id, account_key, account_id, scope, expires_at FROM portal_sessions
            WHERE id_hash = ? AND expires_at > ?""";
    private static final String SWEEP_SESSIONS = """
            DELETE FROM portal_sessions WHERE id_hash IN (
                SELECT id_hash FROM portal_sessions WHERE expires_at <= ? LIMIT ? FOR UPDATE SKIP LOCKED)""";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final JsonColumns json;

    public PortalPersistenceAdapter(JdbcOperations jdbc, TransactionOperations<Connection> transactions, JsonColumns json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public void save(ConnectLink link) {
        transactions.executeWrite(status -> jdbc.prepareStatement(INSERT_LINK, statement -> {
            statement.setString(1, link.codeHash());
            statement.setObject(2, link.workspaceId().value());
            statement.setObject(3, link.accountKey().value());
            statement.setString(4, link.accountId().value());
            statement.setString(5, PortalScopeJson.write(json, link.scope()));
            statement.setTimestamp(6, Timestamp.from(link.createdAt()));
            statement.setTimestamp(7, Timestamp.from(link.expiresAt()));
            return statement.executeUpdate();
        }));
    }

    @Override
    public Optional<ConnectLink> take(String codeHash, Instant now) {
        Optional<ConnectLink> taken = transactions.executeWrite(status -> jdbc.prepareStatement(TAKE_LINK, statement -> {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setString(2, codeHash);
            statement.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(link(rows)) : Optional.empty();
            }
        }));
        sweep(SWEEP_LINKS, now.minus(KEPT_AFTER_EXPIRY));
        return taken;
    }

    @Override
    public Optional<WorkspaceId> workspaceOf(String codeHash) {
        return transactions.executeRead(status -> jdbc.prepareStatement(LINK_WORKSPACE, statement -> {
            statement.setString(1, codeHash);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(new WorkspaceId(rows.getObject(1, UUID.class))) : Optional.empty();
            }
        }));
    }

    @Override
    public void save(PortalSession session) {
        transactions.executeWrite(status -> jdbc.prepareStatement(INSERT_SESSION, statement -> {
            statement.setString(1, session.idHash());
            statement.setObject(2, session.workspaceId().value());
            statement.setObject(3, session.accountKey().value());
            statement.setString(4, session.accountId().value());
            statement.setString(5, PortalScopeJson.write(json, session.scope()));
            statement.setTimestamp(6, Timestamp.from(session.expiresAt().minus(PortalSession.LIFETIME)));
            statement.setTimestamp(7, Timestamp.from(session.expiresAt()));
            return statement.executeUpdate();
        }));
        sweep(SWEEP_SESSIONS, session.expiresAt().minus(PortalSession.LIFETIME));
    }

    @Override
    public Optional<PortalSession> find(String idHash, Instant now) {
        return transactions.executeRead(status -> jdbc.prepareStatement(FIND_SESSION, statement -> {
            statement.setString(1, idHash);
            statement.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PortalSession(rows.getString("id_hash"), new WorkspaceId(rows.getObject("workspace_id", UUID.class)),
                        new LinkedAccountKey(rows.getObject("account_key", UUID.class)), new LinkedAccountId(rows.getString("account_id")),
                        PortalScopeJson.read(json, rows.getString("scope")), rows.getTimestamp("expires_at").toInstant()));
            }
        }));
    }

    private ConnectLink link(ResultSet rows) throws SQLException {
        return new ConnectLink(rows.getString("code_hash"), new WorkspaceId(rows.getObject("workspace_id", UUID.class)),
                new LinkedAccountKey(rows.getObject("account_key", UUID.class)), new LinkedAccountId(rows.getString("account_id")),
                PortalScopeJson.read(json, rows.getString("scope")), rows.getTimestamp("created_at").toInstant(),
                rows.getTimestamp("expires_at").toInstant());
    }

    /** A bounded sweep of rows that expired before {@code before}; rows another sweep holds are left to it. */
    private void sweep(String sql, Instant before) {
        transactions.executeWrite(status -> jdbc.prepareStatement(sql, statement -> {
            statement.setTimestamp(1, Timestamp.from(before));
            statement.setInt(2, SWEEP_LIMIT);
            return statement.executeUpdate();
        }));
    }
}
