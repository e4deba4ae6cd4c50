package dev.latchkey.adapters.persistence.idempotency;

import dev.latchkey.adapters.persistence.crypto.CredentialCipher;
import dev.latchkey.adapters.persistence.crypto.CredentialCipher.AssociatedData;
import dev.latchkey.adapters.persistence.crypto.CredentialDecryptionException;
import dev.latchkey.adapters.persistence.crypto.Sealed;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.IdempotencyStorePort;
import dev.latchkey.domain.idempotency.IdempotencyKey;
import dev.latchkey.domain.idempotency.IdempotencyScope;
import dev.latchkey.domain.idempotency.IdempotentRequest;
import dev.latchkey.domain.idempotency.RecordedResponse;
import dev.latchkey.domain.idempotency.RequestFingerprint;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency keys in {@code idempotency_keys}. One statement takes a key (an insert that, on
 * conflict, only overwrites an expired or abandoned row), so of concurrent duplicates exactly one
 * wins, on any number of instances. Answers are encrypted, bound to the scope, key and run.
 */
@Singleton
@TranslatesDatabaseFailures
public class IdempotencyPersistenceAdapter implements IdempotencyStorePort {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPersistenceAdapter.class);
    private static final String TABLE = "idempotency_keys";

    private static final String RESERVE = """
            INSERT INTO idempotency_keys (scope, idempotency_key, attempt, fingerprint, created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (scope, idempotency_key) DO UPDATE SET attempt = EXCLUDED.attempt, fingerprint = EXCLUDED.fingerprint,
                created_at = EXCLUDED.created_at, status = NULL, content_type = NULL, location = NULL, body_key_id = NULL, body = NULL
            WHERE idempotency_keys.created_at < ? OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < ?)""";
    private static final String FIND = """
            SELECT attempt, fingerprint, created_at, status, content_type, location, body_key_id, body FROM idempotency_keys
            WHERE scope = ? AND idempotency_key = ? AND created_at >= ?""";
    private static final String RECORD = """
            UPDATE idempotency_keys SET status = ?, content_type = ?, location = ?, body_key_id = ?, body = ?
            WHERE scope = ? AND idempotency_key = ? AND attempt = ? AND status IS NULL""";
    private static final String RELEASE = """
            DELETE FROM idempotency_keys WHERE scope = ? AND idempotency_key = ? AND attempt = ? AND status IS NULL""";
    private static final String FORGET = "DELETE FROM idempotency_keys WHERE scope = ? AND idempotency_key = ? AND attempt = ?";
    private static final String PURGE = "DELETE FROM idempotency_keys WHERE created_at < ?";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final CredentialCipher cipher;

    public IdempotencyPersistenceAdapter(JdbcOperations jdbc, TransactionOperations<Connection> transactions, CredentialCipher cipher) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
    }

    @Override
    public boolean reserve(IdempotentRequest pending, Instant expiredBefore, Instant abandonedBefore) {
        return transactions.executeWrite(status -> jdbc.prepareStatement(RESERVE, statement -> {
            statement.setString(1, pending.scope().value());
            statement.setString(2, pending.key().value());
            statement.setObject(3, pending.attempt());
            statement.setBytes(4, pending.fingerprint().sha256());
            statement.setTimestamp(5, Timestamp.from(pending.createdAt()));
            statement.setTimestamp(6, Timestamp.from(expiredBefore));
            statement.setTimestamp(7, Timestamp.from(abandonedBefore));
            return statement.executeUpdate() == 1;
        }));
    }

    @Override
    public Optional<IdempotentRequest> find(IdempotencyScope scope, IdempotencyKey key, Instant expiredBefore) {
        Optional<IdempotentRequest> found;
        try {
            found = transactions.executeRead(status -> jdbc.prepareStatement(FIND, statement -> {
                statement.setString(1, scope.value());
                statement.setString(2, key.value());
                statement.setTimestamp(3, Timestamp.from(expiredBefore));
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(request(scope, key, rows)) : Optional.empty();
                }
            }));
        } catch (UndecryptableAnswer e) {
            // Its encryption key was retired from LATCHKEY_ENCRYPTION_KEYS: the answer cannot be sent
            // again, so the key is forgotten and a retry runs the request as new.
            LOG.warn("Forgot idempotency key of {} whose recorded answer no longer decrypts: {}", scope, e.getMessage());
            transactions.executeWrite(status -> jdbc.prepareStatement(FORGET, statement -> {
                statement.setString(1, scope.value());
                statement.setString(2, key.value());
                statement.setObject(3, e.attempt);
                return statement.executeUpdate();
            }));
            return Optional.empty();
        }
        return found;
    }

    @Override
    public void record(IdempotentRequest held, RecordedResponse response) {
        Sealed body = cipher.encrypt(response.body(), associatedData(held.scope(), held.key(), held.attempt()));
        transactions.executeWrite(status -> jdbc.prepareStatement(RECORD, statement -> {
            statement.setShort(1, (short) response.status());
            statement.setString(2, response.contentType().orElse(null));
            statement.setString(3, response.location().orElse(null));
            statement.setString(4, body.keyId());
            statement.setBytes(5, body.ciphertext());
            statement.setString(6, held.scope().value());
            statement.setString(7, held.key().value());
            statement.setObject(8, held.attempt());
            return statement.executeUpdate();
        }));
    }

    @Override
    public void release(IdempotentRequest held) {
        transactions.executeWrite(status -> jdbc.prepareStatement(RELEASE, statement -> {
            statement.setString(1, held.scope().value());
            statement.setString(2, held.key().value());
            statement.setObject(3, held.attempt());
            return statement.executeUpdate();
        }));
    }

    @Override
    public int purgeCreatedBefore(Instant before) {
        return transactions.executeWrite(status -> jdbc.prepareStatement(PURGE, statement -> {
            statement.setTimestamp(1, Timestamp.from(before));
            return statement.executeUpdate();
        }));
    }

    private IdempotentRequest request(IdempotencyScope scope, IdempotencyKey key, ResultSet row) throws SQLException {
        UUID attempt = row.getObject("attempt", UUID.class);
        Optional<RecordedResponse> response = Optional.empty();
        short status = row.getShort("status");
        if (!row.wasNull()) {
            byte[] body;
            try {
                body = cipher.decrypt(new Sealed(row.getString("body_key_id"), row.getBytes("body")), associatedData(scope, key, attempt));
            } catch (CredentialDecryptionException e) {
                throw new UndecryptableAnswer(attempt, e);
            }
            response = Optional.of(new RecordedResponse(status, Optional.ofNullable(row.getString("content_type")),
                    Optional.ofNullable(row.getString("location")), body));
        }
        return new IdempotentRequest(scope, key, attempt, new RequestFingerprint(row.getBytes("fingerprint")),
                row.getTimestamp("created_at").toInstant(), response);
    }

    /** Bound to the scope, the key and the run: an answer copied to another key or run does not decrypt. */
    private static AssociatedData associatedData(IdempotencyScope scope, IdempotencyKey key, UUID attempt) {
        return new AssociatedData(TABLE, scope.value(), attempt + "/" + key.value());
    }

    private static final class UndecryptableAnswer extends RuntimeException {
        private final transient UUID attempt;

        UndecryptableAnswer(UUID attempt, CredentialDecryptionException cause) {
            super(cause.getMessage(), cause);
            this.attempt = attempt;
        }
    }
}
