package dev.latchkey.adapters.persistence;

import dev.latchkey.domain.connector.OAuthClient;
import dev.latchkey.domain.connector.ConnectorSettings;

import dev.latchkey.adapters.persistence.connection.ConnectionPersistenceAdapter;
import dev.latchkey.adapters.persistence.connection.ConnectionRepository;
import dev.latchkey.adapters.persistence.connector.ConnectorSettingsPersistenceAdapter;
import dev.latchkey.adapters.persistence.connector.ConnectorSettingsRepository;
import dev.latchkey.adapters.persistence.crypto.CredentialCipher;
import dev.latchkey.adapters.persistence.crypto.CredentialDecryptionException;
import dev.latchkey.adapters.persistence.crypto.EncryptionKeys;
import dev.latchkey.adapters.persistence.rotation.ReencryptionPersistenceAdapter;
import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.domain.connector.ConnectorSettings;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operator's rotation: a new key is put first, every secret is re-encrypted under it batch by
 * batch while the old key still decrypts, and then the old key can be dropped.
 */
@MicronautTest(startApplication = false, transactional = false)
class KeyRotationTest extends EncryptedPersistenceTest {
    @Inject
    ConnectionPersistenceAdapter connectionsUnderK1;
    @Inject
    ConnectorSettingsPersistenceAdapter settingsUnderK1;
    @Inject
    ReencryptionPersistenceAdapter reencryptionUnderK1;
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

    /** What a service instance started with this configuration would have. */
    private record Instance(ConnectionPersistenceAdapter connections, ConnectorSettingsPersistenceAdapter settings,
                            ReencryptionPersistenceAdapter reencryption) {
    }

    private Instance instance(EncryptionKeys keys) {
        CredentialCipher cipher = new CredentialCipher(keys);
        return new Instance(new ConnectionPersistenceAdapter(connectionRepository, cipher, mapper, json, transactions),
                new ConnectorSettingsPersistenceAdapter(settingsRepository, cipher, json),
                new ReencryptionPersistenceAdapter(connectionRepository, settingsRepository,
                new dev.latchkey.adapters.persistence.webhook.WebhookPersistenceAdapter(transactions, cipher, json),
                new dev.latchkey.adapters.persistence.config.ConfigPersistenceAdapter(transactions, cipher, io.micronaut.json.JsonMapper.createDefault()),
                pendingRepository, cipher, transactions));
    }

    @Test
    void rotation_re_encrypts_every_secret_under_the_new_key_in_batches_and_then_the_old_key_can_go() throws SQLException {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        Map<Connection, String> tokens = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            String token = "token-" + i + "-secret";
            Connection connection = Connection.create(ws, account.key(), new ConnectorSlug("github"), "oauth2", Optional.of("user" + i),
                    List.of("repo"), Map.of(), Map.of(), Credentials.ofToken(new AccessToken(token, Optional.of("refresh-" + i),
                            Optional.empty(), "Bearer", List.of())), NOW.plusSeconds(i));
            connectionsUnderK1.insert(connection);
            tokens.put(connection, token);
        }
        settingsUnderK1.save(ws, new ConnectorSlug("hubspot"), new ConnectorSettings(true, Optional.of(new OAuthClient("h", "hubspot-secret")), List.of()));
        settingsUnderK1.save(ws, new ConnectorSlug("slack"), new ConnectorSettings(true, Optional.of(new OAuthClient("s", "slack-secret")), List.of()));
        settingsUnderK1.save(ws, new ConnectorSlug("notion"), ConnectorSettings.DEFAULT);
        assertThat(reencryptionUnderK1.remaining()).isZero();
        assertThat(keyIds()).containsOnly(KEY_ID);

        // The operator puts a new key first; the old one stays so everything still reads.
        String k2 = EncryptionKeys.generateEntry("k2", RANDOM);
        Instance rotating = instance(keys(k2, keyEntry));
        assertThat(rotating.reencryption().remaining()).isEqualTo(9);
        tokens.forEach((connection, token) -> assertThat(accessToken(rotating, ws, connection)).isEqualTo(token));
        assertThat(rotating.settings().find(ws, new ConnectorSlug("slack")).orElseThrow().client().orElseThrow().clientSecret())
                .isEqualTo("slack-secret");

        // A secret written meanwhile is written under the new key.
        Connection meanwhile = Connection.create(ws, account.key(), new ConnectorSlug("stripe"), "api_key", Optional.empty(), List.of(),
                Map.of(), Map.of(), Credentials.ofFields(Map.of("api_key", "sk_meanwhile")), NOW);
        rotating.connections().insert(meanwhile);
        assertThat(rotating.reencryption().remaining()).isEqualTo(9);

        List<Integer> batches = new ArrayList<>();
        int done;
        while ((done = rotating.reencryption().reencryptBatch(4)) > 0) {
            batches.add(done);
        }
        assertThat(batches).containsExactly(4, 4, 1);
        assertThat(rotating.reencryption().remaining()).isZero();
        assertThat(keyIds()).containsOnly("k2");

        // Nothing but the ciphertext changed; an instance that knows only the old key can no longer read.
        Connection first = tokens.keySet().iterator().next();
        assertThat(rotating.connections().find(ws, first.id()).orElseThrow().updatedAt())
                .isEqualTo(first.updatedAt().truncatedTo(ChronoUnit.MICROS));
        assertThatThrownBy(() -> connectionsUnderK1.find(ws, first.id()))
                .isInstanceOf(CredentialDecryptionException.class).hasMessageContaining("'k2'");

        // With the old key dropped, everything still reads.
        Instance afterRotation = instance(keys(k2));
        tokens.forEach((connection, token) -> assertThat(accessToken(afterRotation, ws, connection)).isEqualTo(token));
        assertThat(afterRotation.connections().find(ws, meanwhile.id()).orElseThrow().credentials().fields())
                .containsEntry("api_key", "sk_meanwhile");
        assertThat(afterRotation.settings().all(ws).values()).extracting(s -> s.client().map(OAuthClient::clientSecret).orElse(""))
                .containsExactlyInAnyOrder("hubspot-secret", "", "slack-secret");
        assertThat(afterRotation.reencryption().remaining()).isZero();
        assertThat(afterRotation.reencryption().reencryptBatch(10)).isZero();
    }

    private static String accessToken(Instance instance, WorkspaceId ws, Connection connection) {
        return instance.connections().find(ws, connection.id()).orElseThrow().credentials().token().orElseThrow().value();
    }

    private List<String> keyIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (java.sql.Connection db = jdbc(); Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("""
                     SELECT credentials_key_id FROM connections
                     UNION ALL SELECT client_secret_key_id FROM connector_settings WHERE client_secret_key_id IS NOT NULL""")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
