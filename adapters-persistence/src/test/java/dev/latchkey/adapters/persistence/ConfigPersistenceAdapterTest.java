package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.config.ConfigPersistenceAdapter;
import dev.latchkey.adapters.persistence.crypto.CredentialCipher;
import dev.latchkey.adapters.persistence.crypto.CredentialDecryptionException;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.config.ConfigFieldSet;
import dev.latchkey.domain.config.ConfigFieldsReader;
import dev.latchkey.domain.config.ConfigId;
import dev.latchkey.application.port.out.StoredConfig;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Config definitions and values on real PostgreSQL: secrets sealed per config, configs apart, tenancy, cascade with the account. */
@MicronautTest(startApplication = false, transactional = false)
class ConfigPersistenceAdapterTest extends EncryptedPersistenceTest {
    private static final ConnectorSlug SLACK = new ConnectorSlug("slack");

    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    JsonMapper mapper;

    private ConfigPersistenceAdapter configs;

    @BeforeEach
    void adapter() {
        configs = new ConfigPersistenceAdapter(transactions, new CredentialCipher(keys(keyEntry)), mapper);
    }

    private StoredConfig config(LinkedAccount account, String configId, Map<String, Object> values, Set<String> secrets) {
        return new StoredConfig(account.workspaceId(), account.key(), SLACK, new ConfigId(configId), values, secrets, NOW);
    }

    @Test
    void values_round_trip_with_json_types_and_the_secret_only_sealed() throws Exception {
        LinkedAccount account = newAccount(newWorkspace());
        Map<String, Object> values = Map.of("channel", "C1", "limit", 5, "ratio", 0.25, "on", true, "tags", List.of("a", "b"),
                "mapping", Map.of("tier", "gold"), "signing_key", "whsec-secret-value");

        configs.save(config(account, "default", values, Set.of("signing_key")));

        StoredConfig found = configs.find(account.workspaceId(), account.key(), SLACK, ConfigId.DEFAULT).orElseThrow();
        assertThat(found.values()).isEqualTo(values);
        assertThat(found.secretKeys()).containsExactly("signing_key");
        assertThat(found.updatedAt()).isEqualTo(NOW);
        try (Connection db = jdbc(); PreparedStatement select = db.prepareStatement(
                "SELECT plain_values::text, secret_key_id, secret_ciphertext FROM config_values WHERE account_key = ?")) {
            select.setObject(1, account.key().value());
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).contains("C1").doesNotContain("whsec-secret-value", "signing_key");
                assertThat(rows.getString(2)).isEqualTo(KEY_ID);
                assertThat(new String(rows.getBytes(3), StandardCharsets.ISO_8859_1)).doesNotContain("whsec-secret-value");
            }
        }
    }

    @Test
    void a_sealed_secret_copied_to_another_config_does_not_decrypt() throws Exception {
        LinkedAccount account = newAccount(newWorkspace());
        configs.save(config(account, "default", Map.of("k", "secret-a"), Set.of("k")));
        configs.save(config(account, "other", Map.of("k", "secret-b"), Set.of("k")));

        try (Connection db = jdbc(); PreparedStatement copy = db.prepareStatement("""
                UPDATE config_values SET secret_ciphertext = (SELECT secret_ciphertext FROM config_values WHERE config_id = 'default'
                AND account_key = ?) WHERE config_id = 'other' AND account_key = ?""")) {
            copy.setObject(1, account.key().value());
            copy.setObject(2, account.key().value());
            copy.executeUpdate();
        }

        assertThatThrownBy(() -> configs.find(account.workspaceId(), account.key(), SLACK, new ConfigId("other")))
                .isInstanceOf(CredentialDecryptionException.class);
    }

    @Test
    void named_configs_are_apart_and_every_query_is_scoped_to_the_workspace() {
        WorkspaceId workspace = newWorkspace();
        LinkedAccount alice = newAccount(workspace);
        LinkedAccount bob = newAccount(workspace);
        configs.save(config(alice, "default", Map.of("channel", "C1"), Set.of()));
        configs.save(config(alice, "sales", Map.of("channel", "C2"), Set.of()));
        configs.save(config(bob, "default", Map.of("channel", "C3"), Set.of()));

        assertThat(configs.listByAccount(workspace, alice.key())).extracting(c -> c.configId().value(), c -> c.values().get("channel"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("default", "C1"), org.assertj.core.groups.Tuple.tuple("sales", "C2"));
        WorkspaceId elsewhere = newWorkspace();
        assertThat(configs.find(elsewhere, alice.key(), SLACK, ConfigId.DEFAULT)).isEmpty();
        assertThat(configs.listByAccount(elsewhere, alice.key())).isEmpty();
        assertThat(configs.delete(elsewhere, alice.key(), SLACK, ConfigId.DEFAULT)).isFalse();

        assertThat(configs.delete(workspace, alice.key(), SLACK, new ConfigId("sales"))).isTrue();
        assertThat(configs.listByAccount(workspace, alice.key())).hasSize(1);
        assertThat(configs.find(workspace, bob.key(), SLACK, ConfigId.DEFAULT)).isPresent();
    }

    @Test
    void saving_again_replaces_and_dropping_the_last_secret_clears_the_seal() {
        LinkedAccount account = newAccount(newWorkspace());
        configs.save(config(account, "default", Map.of("a", 1, "k", "s"), Set.of("k")));

        configs.save(config(account, "default", Map.of("a", 2), Set.of()));

        StoredConfig found = configs.find(account.workspaceId(), account.key(), SLACK, ConfigId.DEFAULT).orElseThrow();
        assertThat(found.values()).isEqualTo(Map.of("a", 2));
        assertThat(found.secretKeys()).isEmpty();
    }

    @Test
    void deleting_the_linked_account_deletes_its_configs() {
        LinkedAccount account = newAccount(newWorkspace());
        configs.save(config(account, "default", Map.of("a", 1), Set.of()));

        accounts.delete(account.workspaceId(), account.id());

        assertThat(configs.listByAccount(account.workspaceId(), account.key())).isEmpty();
    }

    @Test
    void a_workspace_s_definitions_are_its_own_replaced_whole_and_deleted() {
        WorkspaceId mine = newWorkspace();
        WorkspaceId theirs = newWorkspace();
        ConfigFieldSet fields = ConfigFieldsReader.read(List.of(Map.of("key", "channel", "label", "Channel", "type", "select",
                "options_from", Map.of("path", "/list", "items", "/items", "label", "/name", "value", "/id")),
                Map.of("key", "n", "label", "N", "type", "number", "min", 0.5, "default", 1)), "fields");

        configs.save(mine, SLACK, fields, NOW);
        configs.save(mine, SLACK, fields, NOW.plusSeconds(1));

        assertThat(configs.find(mine, SLACK)).contains(fields);
        assertThat(configs.find(theirs, SLACK)).isEmpty();
        assertThat(configs.delete(theirs, SLACK)).isFalse();
        assertThat(configs.delete(mine, SLACK)).isTrue();
        assertThat(configs.find(mine, SLACK)).isEmpty();
    }

    @Test
    void key_rotation_reseals_secret_values_under_the_current_key() throws Exception {
        try (Connection db = jdbc(); var statement = db.createStatement()) {
            statement.executeUpdate("DELETE FROM config_values"); // rotation looks at every workspace
        }
        LinkedAccount account = newAccount(newWorkspace());
        configs.save(config(account, "default", Map.of("k", "rotate-me", "plain", 1), Set.of("k")));
        String next = dev.latchkey.adapters.persistence.crypto.EncryptionKeys.generateEntry("k2", RANDOM);
        ConfigPersistenceAdapter rotated = new ConfigPersistenceAdapter(transactions, new CredentialCipher(keys(next, keyEntry)), mapper);
        assertThat(rotated.secretsUnderOtherKeys()).isEqualTo(1);

        assertThat(rotated.reencryptSecrets(10)).isEqualTo(1);

        assertThat(rotated.secretsUnderOtherKeys()).isZero();
        ConfigPersistenceAdapter onlyNewKey = new ConfigPersistenceAdapter(transactions, new CredentialCipher(keys(next)), mapper);
        assertThat(onlyNewKey.find(account.workspaceId(), account.key(), SLACK, ConfigId.DEFAULT).orElseThrow().values())
                .isEqualTo(Map.of("k", "rotate-me", "plain", 1));
    }
}
