package dev.latchkey.adapters.persistence.rotation;

import dev.latchkey.adapters.persistence.connection.ConnectionRepository;
import dev.latchkey.adapters.persistence.connection.ConnectionRow;
import dev.latchkey.adapters.persistence.connection.PendingAuthorizationRepository;
import dev.latchkey.adapters.persistence.connection.PendingAuthorizationRow;
import dev.latchkey.adapters.persistence.connector.ConnectorSettingsRepository;
import dev.latchkey.adapters.persistence.connector.ConnectorSettingsRow;
import dev.latchkey.adapters.persistence.config.ConfigPersistenceAdapter;
import dev.latchkey.adapters.persistence.crypto.CredentialCipher;
import dev.latchkey.adapters.persistence.crypto.CredentialCipher.AssociatedData;
import dev.latchkey.adapters.persistence.crypto.Sealed;
import dev.latchkey.adapters.persistence.webhook.WebhookPersistenceAdapter;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.CredentialReencryptionPort;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Arrays;

/**
 * Re-encrypts stored secrets (connection credentials, client secrets, webhook signing secrets, secret config values, the
 * PKCE verifiers of authorizations in flight) under the current key.
 *
 * <p>Each batch is one short transaction that claims its rows with {@code FOR UPDATE SKIP LOCKED}:
 * the service keeps serving (a concurrent update of a claimed connection waits for the batch, then
 * writes its own ciphertext under the current key), and several instances can run batches at once
 * without taking the same rows. The ciphertext is decrypted with the key it names and encrypted
 * again, bound to the same row; nothing else in the row changes.
 */
@Singleton
@TranslatesDatabaseFailures
public class ReencryptionPersistenceAdapter implements CredentialReencryptionPort {
    private final ConnectionRepository connections;
    private final ConnectorSettingsRepository settings;
    private final WebhookPersistenceAdapter webhooks;
    private final ConfigPersistenceAdapter configs;
    private final PendingAuthorizationRepository pending;
    private final CredentialCipher cipher;
    private final TransactionOperations<Connection> transactions;

    public ReencryptionPersistenceAdapter(ConnectionRepository connections, ConnectorSettingsRepository settings,
                                          WebhookPersistenceAdapter webhooks, ConfigPersistenceAdapter configs,
                                          PendingAuthorizationRepository pending, CredentialCipher cipher,
                                          TransactionOperations<Connection> transactions) {
        this.configs = configs;
        this.pending = pending;
        this.connections = connections;
        this.settings = settings;
        this.webhooks = webhooks;
        this.cipher = cipher;
        this.transactions = transactions;
    }

    @Override
    public int reencryptBatch(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a batch is at least 1 secret (got " + limit + ")");
        }
        return transactions.executeWrite(status -> {
            String current = cipher.currentKeyId();
            int done = 0;
            for (ConnectionRow row : connections.claimUnderOtherKeys(current, limit)) {
                AssociatedData aad = AssociatedData.connection(row.workspaceId(), row.id());
                Sealed sealed = reseal(new Sealed(row.credentialsKeyId(), row.credentialsCiphertext()), aad);
                done += connections.reencrypt(row.id(), sealed.keyId(), sealed.ciphertext());
            }
            if (done < limit) {
                for (ConnectorSettingsRow row : settings.claimUnderOtherKeys(current, limit - done)) {
                    AssociatedData aad = AssociatedData.clientSecret(row.workspaceId(), row.connector());
                    Sealed sealed = reseal(new Sealed(row.clientSecretKeyId(), row.clientSecretCiphertext()), aad);
                    done += settings.reencrypt(row.workspaceId(), row.connector(), sealed.keyId(), sealed.ciphertext());
                }
            }
            if (done < limit) {
                done += webhooks.reencryptSecrets(limit - done);
            }
            if (done < limit) {
                done += configs.reencryptSecrets(limit - done);
            }
            if (done < limit) {
                for (PendingAuthorizationRow row : pending.claimUnderOtherKeys(current, limit - done)) {
                    AssociatedData aad = AssociatedData.pendingVerifier(row.workspaceId(), row.stateHash());
                    Sealed sealed = row.codeVerifierCiphertext() != null
                            ? reseal(new Sealed(row.codeVerifierKeyId(), row.codeVerifierCiphertext()), aad)
                            : cipher.encrypt(row.codeVerifier().getBytes(StandardCharsets.UTF_8), aad); // plain, from before V7
                    done += pending.reencrypt(row.stateHash(), sealed.keyId(), sealed.ciphertext());
                }
            }
            return done;
        });
    }

    @Override
    public long remaining() {
        String current = cipher.currentKeyId();
        return connections.countUnderOtherKeys(current) + settings.countUnderOtherKeys(current) + webhooks.secretsUnderOtherKeys()
                + configs.secretsUnderOtherKeys() + pending.countUnderOtherKeys(current);
    }

    private Sealed reseal(Sealed old, AssociatedData aad) {
        byte[] plaintext = cipher.decrypt(old, aad);
        try {
            return cipher.encrypt(plaintext, aad);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
