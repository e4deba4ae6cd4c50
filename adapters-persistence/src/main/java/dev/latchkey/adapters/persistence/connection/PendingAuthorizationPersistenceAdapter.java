package dev.latchkey.adapters.persistence.connection;

import dev.latchkey.adapters.persistence.crypto.CredentialCipher;
import dev.latchkey.adapters.persistence.crypto.CredentialCipher.AssociatedData;
import dev.latchkey.adapters.persistence.crypto.Sealed;
import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.PendingAuthorizationStorePort;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.connection.PendingAuthorization;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

@Singleton
@TranslatesDatabaseFailures
public class PendingAuthorizationPersistenceAdapter implements PendingAuthorizationStorePort {
    /** Expired rows removed per consume; enough to keep up with the rate authorizations are started. */
    static final int SWEEP_LIMIT = 100;

    /**
     * One statement, so of two concurrent callbacks with the same state only one gets the row. Run
     * through {@link JdbcOperations}: a repository {@code @Query} with {@code DELETE ... RETURNING}
     * gives back the id, not the row.
     */
    private static final String TAKE = "DELETE FROM pending_authorizations WHERE state_hash = ? RETURNING *";

    private final PendingAuthorizationRepository repository;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final JsonColumns json;
    private final CredentialCipher cipher;

    public PendingAuthorizationPersistenceAdapter(PendingAuthorizationRepository repository, JdbcOperations jdbc,
                                                  TransactionOperations<Connection> transactions, JsonColumns json,
                                                  CredentialCipher cipher) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.cipher = cipher;
    }

    /** The PKCE verifier is encrypted like every other secret, bound to the workspace and this state. */
    @Override
    public void save(PendingAuthorization p) {
        Optional<Sealed> verifier = p.kept().map(v -> cipher.encrypt(v.getBytes(StandardCharsets.UTF_8),
                AssociatedData.pendingVerifier(p.workspaceId().value(), p.stateHash())));
        repository.insert(p.stateHash(), p.workspaceId().value(), p.accountKey().value(), p.accountId().value(),
                p.connector().value(), p.authType(), json.stringMap(p.params()), verifier.map(Sealed::keyId).orElse(null),
                verifier.map(Sealed::ciphertext).orElse(null), p.mode().name().toLowerCase(Locale.ROOT), p.returnUrl().orElse(null),
                p.expiresAt());
    }

    @Override
    public Optional<PendingAuthorization> consume(String stateHash, Instant now) {
        Optional<PendingAuthorizationRow> taken = transactions.executeWrite(status -> jdbc.prepareStatement(TAKE, statement -> {
            statement.setString(1, stateHash);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(jdbc.readEntity(rows, PendingAuthorizationRow.class)) : Optional.empty();
            }
        }));
        repository.deleteExpired(now, SWEEP_LIMIT);
        return taken.filter(row -> row.expiresAt().isAfter(now)).map(this::toDomain);
    }

    private PendingAuthorization toDomain(PendingAuthorizationRow row) {
        return new PendingAuthorization(row.stateHash(), new WorkspaceId(row.workspaceId()), new LinkedAccountKey(row.accountKey()),
                new LinkedAccountId(row.accountId()), new ConnectorSlug(row.connector()), row.authType(), json.stringMap(row.params()),
                verifierBytes(row).map(bytes -> new String(bytes, StandardCharsets.UTF_8)),
                PendingAuthorization.Mode.valueOf(row.mode().toUpperCase(Locale.ROOT)), Optional.ofNullable(row.returnUrl()),
                row.expiresAt());
    }

    /** The verifier: decrypted; or as it was stored by a Latchkey before V7, still in flight. */
    private Optional<byte[]> verifierBytes(PendingAuthorizationRow row) {
        if (row.codeVerifierCiphertext() != null) {
            return Optional.of(cipher.decrypt(new Sealed(row.codeVerifierKeyId(), row.codeVerifierCiphertext()),
                    AssociatedData.pendingVerifier(row.workspaceId(), row.stateHash())));
        }
        return Optional.ofNullable(row.codeVerifier()).map(v -> v.getBytes(StandardCharsets.UTF_8));
    }
}
