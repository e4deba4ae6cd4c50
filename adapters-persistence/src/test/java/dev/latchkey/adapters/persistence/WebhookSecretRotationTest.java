package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.connection.ConnectionRepository;
import dev.latchkey.adapters.persistence.connector.ConnectorSettingsRepository;
import dev.latchkey.adapters.persistence.crypto.CredentialCipher;
import dev.latchkey.adapters.persistence.crypto.EncryptionKeys;
import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.adapters.persistence.rotation.ReencryptionPersistenceAdapter;
import dev.latchkey.adapters.persistence.webhook.WebhookPersistenceAdapter;
import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.webhook.WebhookSecret;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Key rotation reaches the webhooks' signing secrets too, so the old key can be dropped without breaking deliveries. */
@MicronautTest(startApplication = false, transactional = false)
class WebhookSecretRotationTest extends EncryptedPersistenceTest {
    @Inject
    ConnectionRepository connectionRepository;
    @Inject
    ConnectorSettingsRepository settingsRepository;
    @Inject
    dev.latchkey.adapters.persistence.connection.PendingAuthorizationRepository pendingRepository;
    @Inject
    JsonColumns json;
    @Inject
    TransactionOperations<Connection> transactions;

    private ReencryptionPersistenceAdapter reencryption(EncryptionKeys keys) {
        CredentialCipher cipher = new CredentialCipher(keys);
        return new ReencryptionPersistenceAdapter(connectionRepository, settingsRepository,
                new WebhookPersistenceAdapter(transactions, cipher, json),
                new dev.latchkey.adapters.persistence.config.ConfigPersistenceAdapter(transactions, cipher, io.micronaut.json.JsonMapper.createDefault()),
                pendingRepository, cipher, transactions);
    }

    @Test
    void signing_secrets_are_re_encrypted_under_the_new_key() throws Exception {
        WorkspaceId ws = newWorkspace();
        WebhookPersistenceAdapter underK1 = new WebhookPersistenceAdapter(transactions, new CredentialCipher(keys(keyEntry)), json);
        List<WebhookEndpointId> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WebhookEndpoint endpoint = new WebhookEndpoint(WebhookEndpointId.random(), ws, URI.create("https://hooks.example/" + i),
                    List.of("*"), NOW);
            underK1.insert(endpoint, WebhookSecret.generate(RANDOM));
            ids.add(endpoint.id());
        }
        String k2 = EncryptionKeys.generateEntry("k2", RANDOM);
        ReencryptionPersistenceAdapter rotating = reencryption(keys(k2, keyEntry));
        assertThat(rotating.remaining()).isEqualTo(3);

        assertThat(rotating.reencryptBatch(2)).isEqualTo(2);
        assertThat(rotating.reencryptBatch(2)).isEqualTo(1);

        assertThat(rotating.remaining()).isZero();
        assertThat(secretKeyIds()).containsOnly("k2").hasSize(3);
        assertThat(reencryption(keys(k2)).remaining()).isZero();
    }

    private List<String> secretKeyIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection db = jdbc(); ResultSet rows = db.createStatement().executeQuery("SELECT secret_key_id FROM webhook_endpoints")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
