package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.connection.ConnectionPersistenceAdapter;
import dev.latchkey.adapters.persistence.connection.ConnectionRepository;
import dev.latchkey.adapters.persistence.connector.ConnectorSettingsRepository;
import dev.latchkey.adapters.persistence.crypto.CredentialCipher;
import dev.latchkey.adapters.persistence.crypto.EncryptionKeys;
import dev.latchkey.adapters.persistence.rotation.ReencryptionPersistenceAdapter;
import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false, transactional = false)
class ConcurrentKeyRotationTest extends EncryptedPersistenceTest {
    private static final int CONNECTIONS = 40;

    @Inject
    ConnectionPersistenceAdapter connections;
    @Inject
    ConnectionRepository connectionRepository;
    @Inject
    ConnectorSettingsRepository settingsRepository;
    @Inject
    dev.latchkey.adapters.persistence.connection.PendingAuthorizationRepository pendingRepository;
    @Inject
    JsonMapper mapper;
    @Inject
    JsonColumns json;
    @Inject
    TransactionOperations<java.sql.Connection> transactions;

    @Test
    void instances_rotating_at_once_re_encrypt_each_secret_exactly_once_while_the_service_reads() throws Exception {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        List<Connection> stored = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            Connection connection = Connection.create(ws, account.key(), new ConnectorSlug("openai"), "api_key", Optional.empty(),
                    List.of(), Map.of(), Map.of(), Credentials.ofFields(Map.of("api_key", "sk-" + i)), NOW.plusSeconds(i));
            connections.insert(connection);
            stored.add(connection);
        }
        EncryptionKeys rotated = keys(EncryptionKeys.generateEntry("k2", RANDOM), keyEntry);
        ConnectionPersistenceAdapter serving = new ConnectionPersistenceAdapter(connectionRepository, new CredentialCipher(rotated), mapper, json, transactions);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int instance = 0; instance < 3; instance++) {
                ReencryptionPersistenceAdapter reencryption = new ReencryptionPersistenceAdapter(connectionRepository, settingsRepository,
                        webhooksUnder(rotated), new dev.latchkey.adapters.persistence.config.ConfigPersistenceAdapter(transactions,
                        new CredentialCipher(rotated), mapper), pendingRepository, new CredentialCipher(rotated), transactions);
                work.add(() -> {
                    int total = 0;
                    int done;
                    while ((done = reencryption.reencryptBatch(3)) > 0) {
                        total += done;
                    }
                    return total;
                });
            }
            // The service reads every connection meanwhile; it re-encrypts nothing.
            work.add(() -> {
                for (Connection connection : stored) {
                    assertThat(serving.find(ws, connection.id()).orElseThrow().credentials()).isEqualTo(connection.credentials());
                }
                return 0;
            });
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(work)) {
                total += result.get();
            }
            assertThat(total).isEqualTo(CONNECTIONS);
        } finally {
            pool.shutdownNow();
        }

        ReencryptionPersistenceAdapter check = new ReencryptionPersistenceAdapter(connectionRepository, settingsRepository,
                webhooksUnder(rotated), new dev.latchkey.adapters.persistence.config.ConfigPersistenceAdapter(transactions,
                        new CredentialCipher(rotated), mapper), pendingRepository, new CredentialCipher(rotated), transactions);
        assertThat(check.remaining()).isZero();
        for (Connection connection : stored) {
            assertThat(serving.find(ws, connection.id()).orElseThrow().credentials()).isEqualTo(connection.credentials());
        }
    }

    private dev.latchkey.adapters.persistence.webhook.WebhookPersistenceAdapter webhooksUnder(EncryptionKeys keys) {
        return new dev.latchkey.adapters.persistence.webhook.WebhookPersistenceAdapter(transactions, new CredentialCipher(keys), json);
    }
}
