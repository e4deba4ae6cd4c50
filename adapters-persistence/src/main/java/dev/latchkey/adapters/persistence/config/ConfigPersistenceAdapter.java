package dev.latchkey.adapters.persistence.config;

import dev.latchkey.adapters.persistence.crypto.CredentialCipher;
import dev.latchkey.adapters.persistence.jdbc.Jdbc;
import dev.latchkey.adapters.persistence.crypto.CredentialCipher.AssociatedData;
import dev.latchkey.adapters.persistence.crypto.Sealed;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.ConfigFieldStorePort;
import dev.latchkey.application.port.out.ConfigValueStorePort;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.config.ConfigFieldSet;
import dev.latchkey.domain.config.ConfigFieldsReader;
import dev.latchkey.domain.config.ConfigId;
import dev.latchkey.application.port.out.StoredConfig;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Config-field definitions and config values in plain SQL on the transaction's connection. Every
 * query names the workspace. The values of secret fields are sealed together with AES-256-GCM,
 * bound to the workspace, linked account, connector and config id, and never reach a jsonb column.
 */
@Singleton
@TranslatesDatabaseFailures
public class ConfigPersistenceAdapter implements ConfigFieldStorePort, ConfigValueStorePort {
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);
    private static final Argument<List<Object>> LIST = Argument.listOf(Object.class);

    private final Jdbc jdbc;
    private final CredentialCipher cipher;
    private final JsonMapper mapper;

    public ConfigPersistenceAdapter(TransactionOperations<Connection> transactions, CredentialCipher cipher, JsonMapper mapper) {
        this.jdbc = new Jdbc(transactions, "config store");
        this.cipher = cipher;
        this.mapper = mapper;
    }

    // --- definitions ---

    @Override
    public Optional<ConfigFieldSet> find(WorkspaceId workspaceId, ConnectorSlug connector) {
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT fields::text AS fields FROM config_field_definitions WHERE workspace_id = ? AND connector = ?")) {
                select.setObject(1, workspaceId.value());
                select.setString(2, connector.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(ConfigFieldsReader.read(read(rows.getString("fields"), LIST), "fields")) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void save(WorkspaceId workspaceId, ConnectorSlug connector, ConfigFieldSet fields, Instant now) {
        String json = write(ConfigFieldsReader.write(fields));
        jdbc.run(c -> {
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO config_field_definitions (workspace_id, connector, fields, updated_at) VALUES (?, ?, CAST(? AS jsonb), ?)
                    ON CONFLICT (workspace_id, connector) DO UPDATE SET fields = EXCLUDED.fields, updated_at = EXCLUDED.updated_at""")) {
                upsert.setObject(1, workspaceId.value());
                upsert.setString(2, connector.value());
                upsert.setString(3, json);
                upsert.setObject(4, time(now));
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public boolean delete(WorkspaceId workspaceId, ConnectorSlug connector) {
        return jdbc.run(c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM config_field_definitions WHERE workspace_id = ? AND connector = ?")) {
                delete.setObject(1, workspaceId.value());
                delete.setString(2, connector.value());
                return delete.executeUpdate() > 0;
            }
        });
    }

    // --- values ---

    private static final String VALUE_COLUMNS = """
            SELECT workspace_id, account_key, connector, config_id, plain_values::text AS plain_values, secret_key_id,
                   secret_ciphertext, updated_at
            FROM config_values
            """;

    @Override
    public Optional<StoredConfig> find(WorkspaceId workspaceId, LinkedAccountKey account, ConnectorSlug connector, ConfigId configId) {
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement(VALUE_COLUMNS
                    + "WHERE workspace_id = ? AND account_key = ? AND connector = ? AND config_id = ?")) {
                select.setObject(1, workspaceId.value());
                select.setObject(2, account.value());
                select.setString(3, connector.value());
                select.setString(4, configId.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(stored(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StoredConfig> listByAccount(WorkspaceId workspaceId, LinkedAccountKey account) {
        return jdbc.run(c -> {
            try (PreparedStatement select = c.prepareStatement(VALUE_COLUMNS
                    + "WHERE workspace_id = ? AND account_key = ? ORDER BY connector, config_id")) {
                select.setObject(1, workspaceId.value());
                select.setObject(2, account.value());
                List<StoredConfig> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(stored(rows));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public void save(StoredConfig config) {
        Map<String, Object> plain = new LinkedHashMap<>();
        Map<String, Object> secret = new LinkedHashMap<>();
        config.values().forEach((k, v) -> (config.secretKeys().contains(k) ? secret : plain).put(k, v));
        Sealed sealed = secret.isEmpty() ? null : seal(config, secret);
        String plainJson = write(plain);
        jdbc.run(c -> {
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO config_values (workspace_id, account_key, connector, config_id, plain_values, secret_key_id,
                                               secret_ciphertext, created_at, updated_at)
                    VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?)
                    ON CONFLICT (workspace_id, account_key, connector, config_id) DO UPDATE
                    SET plain_values = EXCLUDED.plain_values, secret_key_id = EXCLUDED.secret_key_id,
                        secret_ciphertext = EXCLUDED.secret_ciphertext, updated_at = EXCLUDED.updated_at""")) {
                upsert.setObject(1, config.workspaceId().value());
                upsert.setObject(2, config.accountKey().value());
                upsert.setString(3, config.connector().value());
                upsert.setString(4, config.configId().value());
                upsert.setString(5, plainJson);
                if (sealed == null) {
                    upsert.setNull(6, Types.VARCHAR);
                    upsert.setNull(7, Types.BINARY);
                } else {
                    upsert.setString(6, sealed.keyId());
                    upsert.setBytes(7, sealed.ciphertext());
                }
                upsert.setObject(8, time(config.updatedAt()));
                upsert.setObject(9, time(config.updatedAt()));
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public boolean delete(WorkspaceId workspaceId, LinkedAccountKey account, ConnectorSlug connector, ConfigId configId) {
        return jdbc.run(c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM config_values WHERE workspace_id = ? AND account_key = ? AND connector = ? AND config_id = ?")) {
                delete.setObject(1, workspaceId.value());
                delete.setObject(2, account.value());
                delete.setString(3, connector.value());
                delete.setString(4, configId.value());
                return delete.executeUpdate() > 0;
            }
        });
    }

    // --- key rotation of the sealed secrets ---

    /** Re-encrypts up to {@code limit} configs' secrets still under another key than the current one; rows claimed SKIP LOCKED. */
    public int reencryptSecrets(int limit) {
        String current = cipher.currentKeyId();
        return jdbc.run(c -> {
            int done = 0;
            try (PreparedStatement claim = c.prepareStatement("""
                    SELECT workspace_id, account_key, connector, config_id, secret_key_id, secret_ciphertext FROM config_values
                    WHERE secret_key_id IS NOT NULL AND secret_key_id <> ?
                    ORDER BY workspace_id, account_key, connector, config_id LIMIT ? FOR UPDATE SKIP LOCKED""");
                 PreparedStatement update = c.prepareStatement("""
                         UPDATE config_values SET secret_key_id = ?, secret_ciphertext = ?
                         WHERE workspace_id = ? AND account_key = ? AND connector = ? AND config_id = ?""")) {
                claim.setString(1, current);
                claim.setInt(2, limit);
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        WorkspaceId workspaceId = new WorkspaceId(rows.getObject("workspace_id", UUID.class));
                        LinkedAccountKey account = new LinkedAccountKey(rows.getObject("account_key", UUID.class));
                        ConnectorSlug connector = new ConnectorSlug(rows.getString("connector"));
                        ConfigId configId = new ConfigId(rows.getString("config_id"));
                        AssociatedData aad = aad(workspaceId, account, connector, configId);
                        byte[] plaintext = cipher.decrypt(new Sealed(rows.getString("secret_key_id"), rows.getBytes("secret_ciphertext")), aad);
                        try {
                            Sealed fresh = cipher.encrypt(plaintext, aad);
                            update.setString(1, fresh.keyId());
                            update.setBytes(2, fresh.ciphertext());
                            update.setObject(3, workspaceId.value());
                            update.setObject(4, account.value());
                            update.setString(5, connector.value());
                            update.setString(6, configId.value());
                            done += update.executeUpdate();
                        } finally {
                            Arrays.fill(plaintext, (byte) 0);
                        }
                    }
                }
            }
            return done;
        });
    }

    public long secretsUnderOtherKeys() {
        String current = cipher.currentKeyId();
        return jdbc.run(c -> {
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT count(*) FROM config_values WHERE secret_key_id IS NOT NULL AND secret_key_id <> ?")) {
                count.setString(1, current);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    // --- rows ---

    private StoredConfig stored(ResultSet rows) throws SQLException {
        WorkspaceId workspaceId = new WorkspaceId(rows.getObject("workspace_id", UUID.class));
        LinkedAccountKey account = new LinkedAccountKey(rows.getObject("account_key", UUID.class));
        ConnectorSlug connector = new ConnectorSlug(rows.getString("connector"));
        ConfigId configId = new ConfigId(rows.getString("config_id"));
        Map<String, Object> values = new LinkedHashMap<>(read(rows.getString("plain_values"), OBJECT));
        values.values().removeIf(java.util.Objects::isNull);
        java.util.Set<String> secretKeys = new java.util.HashSet<>();
        String keyId = rows.getString("secret_key_id");
        if (keyId != null) {
            byte[] plaintext = cipher.decrypt(new Sealed(keyId, rows.getBytes("secret_ciphertext")), aad(workspaceId, account, connector, configId));
            try {
                Map<String, Object> secrets = mapper.readValue(plaintext, OBJECT);
                values.putAll(secrets);
                secretKeys.addAll(secrets.keySet());
            } catch (IOException e) {
                throw new IllegalStateException("the secret config values of " + connector + "/" + configId + " are not a JSON object");
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
        return new StoredConfig(workspaceId, account, connector, configId, values, secretKeys,
                rows.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private Sealed seal(StoredConfig config, Map<String, Object> secret) {
        byte[] plaintext;
        try {
            plaintext = mapper.writeValueAsBytes(OBJECT, secret);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the secret config values of " + config.connector() + "/" + config.configId());
        }
        try {
            return cipher.encrypt(plaintext, aad(config.workspaceId(), config.accountKey(), config.connector(), config.configId()));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    static AssociatedData aad(WorkspaceId workspaceId, LinkedAccountKey account, ConnectorSlug connector, ConfigId configId) {
        return new AssociatedData("config_values", workspaceId.value().toString(), account + "/" + connector + "/" + configId);
    }

    private <T> String write(T value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a jsonb column", e);
        }
    }

    private <T> T read(String json, Argument<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("a jsonb column does not hold the JSON expected", e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
