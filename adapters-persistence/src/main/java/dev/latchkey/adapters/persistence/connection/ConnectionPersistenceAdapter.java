package dev.latchkey.adapters.persistence.connection;

import dev.latchkey.adapters.persistence.crypto.CredentialCipher;
import dev.latchkey.adapters.persistence.crypto.CredentialCipher.AssociatedData;
import dev.latchkey.adapters.persistence.crypto.CredentialDecryptionException;
import dev.latchkey.adapters.persistence.crypto.Sealed;
import dev.latchkey.adapters.persistence.jdbc.Jdbc;
import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.RowLockTimeoutException;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Connections with their credentials encrypted: the credentials as JSON, sealed with AES-256-GCM
 * under the current key and bound to the workspace and connection id.
 */
@Singleton
@TranslatesDatabaseFailures
public class ConnectionPersistenceAdapter implements ConnectionStorePort {
    private static final Argument<StoredCredentials> STORED = Argument.of(StoredCredentials.class);
    /** PostgreSQL's SQLSTATE when {@code lock_timeout} ran out. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final ConnectionRepository repository;
    private final CredentialCipher cipher;
    private final JsonMapper mapper;
    private final JsonColumns json;
    private final Jdbc jdbc;

    public ConnectionPersistenceAdapter(ConnectionRepository repository, CredentialCipher cipher, JsonMapper mapper, JsonColumns json,
                                        TransactionOperations<java.sql.Connection> transactions) {
        this.jdbc = new Jdbc(transactions, "connection store");
        this.repository = repository;
        this.cipher = cipher;
        this.mapper = mapper;
        this.json = json;
    }

    @Override
    public void insert(Connection c) {
        Sealed sealed = seal(c);
        repository.insert(c.id().value(), c.workspaceId().value(), c.accountKey().value(), c.connector().value(), c.authType(),
                c.status().label(), c.identifier().orElse(null), json.strings(c.scopes()), json.stringMap(c.params()),
                json.stringMap(c.tokenValues()), sealed.keyId(), sealed.ciphertext(), c.createdAt(), c.updatedAt(),
                c.lastRefreshedAt().orElse(null), c.lastError().orElse(null), tokenExpiresAt(c));
    }

    @Override
    public void update(Connection c) {
        Sealed sealed = seal(c);
        repository.update(c.workspaceId().value(), c.id().value(), c.connector().value(), c.authType(), c.status().label(),
                c.identifier().orElse(null), json.strings(c.scopes()), json.stringMap(c.params()), json.stringMap(c.tokenValues()),
                sealed.keyId(), sealed.ciphertext(), c.updatedAt(), c.lastRefreshedAt().orElse(null), c.lastError().orElse(null),
                tokenExpiresAt(c));
    }

    /** Mirrored in clear so due rows are found without decrypting; an expiry is no secret. */
    private static Instant tokenExpiresAt(Connection c) {
        return c.credentials().token().flatMap(AccessToken::expiresAt).orElse(null);
    }

    /**
     * {@code SET LOCAL lock_timeout} bounds the wait for this transaction (it stays set until the
     * transaction ends, which only writes the row it holds after this); a lock not granted in time is
     * PostgreSQL's {@code lock_not_available} (55P03), and the transaction is then aborted.
     */
    @Override
    public Optional<Connection> lockForUpdate(WorkspaceId workspaceId, ConnectionId id, Duration wait) {
        long millis = Math.max(1, wait.toMillis());
        jdbc.run(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = '" + millis + "ms'");
            }
            return null;
        });
        try {
            return repository.lockForUpdate(workspaceId.value(), id.value()).map(this::toDomain);
        } catch (RuntimeException e) {
            if (lockNotAvailable(e)) {
                throw new RowLockTimeoutException("connection " + id + " stayed locked by another transaction for more than "
                        + millis + " ms", e);
            }
            throw e;
        }
    }

    private static boolean lockNotAvailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public RefreshSchedule refreshSchedule(WorkspaceId workspaceId, ConnectionId id) {
        return repository.findByWorkspaceIdAndId(workspaceId.value(), id.value())
                .map(row -> new RefreshSchedule(row.refreshFailures(), Optional.ofNullable(row.nextRefreshAt())))
                .orElse(RefreshSchedule.NONE);
    }

    @Override
    public void scheduleRefresh(WorkspaceId workspaceId, ConnectionId id, RefreshSchedule schedule) {
        repository.schedule(workspaceId.value(), id.value(), schedule.failures(), schedule.at().orElse(null));
    }

    @Override
    public void keepAliveBy(WorkspaceId workspaceId, ConnectionId id, Optional<Instant> at) {
        repository.keepAlive(workspaceId.value(), id.value(), at.orElse(null));
    }

    @Override
    public List<Due> claimDueForRefresh(Instant now, Instant expiringBefore, Instant leaseUntil, int limit) {
        List<ConnectionRow> due = repository.claimDue(now, expiringBefore, limit);
        if (!due.isEmpty()) {
            repository.lease(due.stream().map(ConnectionRow::id).toList(), storedPrecision(leaseUntil));
        }
        return due.stream().map(row -> new Due(new WorkspaceId(row.workspaceId()), new ConnectionId(row.id()))).toList();
    }

    @Override
    public void releaseRefreshClaims(List<Due> claimed, Instant leaseUntil, Instant dueAt) {
        if (!claimed.isEmpty()) {
            repository.releaseLease(claimed.stream().map(due -> due.id().value()).toList(), storedPrecision(leaseUntil), dueAt);
        }
    }

    /** PostgreSQL keeps microseconds: a lease is written and later matched at that precision. */
    private static Instant storedPrecision(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    @Override
    public Optional<Connection> find(WorkspaceId workspaceId, ConnectionId id) {
        return repository.findByWorkspaceIdAndId(workspaceId.value(), id.value()).map(this::toDomain);
    }

    @Override
    public List<Connection> listByAccount(WorkspaceId workspaceId, LinkedAccountKey accountKey) {
        return repository.listByAccount(workspaceId.value(), accountKey.value()).stream().map(this::toDomain).toList();
    }

    @Override
    public List<Connection> listByAccount(WorkspaceId workspaceId, LinkedAccountKey accountKey, ConnectorSlug connector) {
        return repository.listByAccountAndConnector(workspaceId.value(), accountKey.value(), connector.value()).stream()
                .map(this::toDomain).toList();
    }

    @Override
    public boolean delete(WorkspaceId workspaceId, ConnectionId id) {
        return repository.deleteByWorkspaceIdAndId(workspaceId.value(), id.value()) > 0;
    }

    private Sealed seal(Connection c) {
        byte[] plaintext;
        try {
            plaintext = mapper.writeValueAsBytes(STORED, StoredCredentials.of(c.credentials()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the credentials of connection " + c.id() + " as JSON", e);
        }
        try {
            return cipher.encrypt(plaintext, AssociatedData.connection(c.workspaceId().value(), c.id().value()));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private Credentials open(ConnectionRow row) {
        byte[] plaintext = cipher.decrypt(new Sealed(row.credentialsKeyId(), row.credentialsCiphertext()),
                AssociatedData.connection(row.workspaceId(), row.id()));
        try {
            return mapper.readValue(plaintext, STORED).toDomain();
        } catch (IOException | RuntimeException e) {
            // Not chained: a parser's message may quote the decrypted text.
            throw new CredentialDecryptionException("the credentials of connection " + row.id()
                    + " decrypt but are not the stored credentials JSON");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private Connection toDomain(ConnectionRow row) {
        return new Connection(new ConnectionId(row.id()), new WorkspaceId(row.workspaceId()), new LinkedAccountKey(row.accountKey()),
                new ConnectorSlug(row.connector()), row.authType(), ConnectionStatus.parse(row.status()),
                Optional.ofNullable(row.identifier()), json.strings(row.scopes()), json.stringMap(row.params()),
                json.stringMap(row.tokenValues()), open(row), row.createdAt(), row.updatedAt(),
                Optional.ofNullable(row.lastRefreshedAt()), Optional.ofNullable(row.lastError()));
    }
}
