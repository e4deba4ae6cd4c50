package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.account.LinkedAccountPersistenceAdapter;
import dev.latchkey.adapters.persistence.crypto.EncryptionKeys;
import dev.latchkey.adapters.persistence.workspace.WorkspacePersistenceAdapter;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.Workspace;
import dev.latchkey.domain.workspace.WorkspaceId;
import dev.latchkey.domain.workspace.WorkspaceName;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A persistence test whose context has an encryption key ({@value #KEY_ID}, generated per class),
 * with plain JDBC to the same database for looking at (and tampering with) stored bytes.
 */
public abstract class EncryptedPersistenceTest extends PersistenceTest {
    protected static final String KEY_ID = "k1";
    protected static final Instant NOW = Instant.parse("2026-04-01T10:00:00.123456Z");
    protected static final SecureRandom RANDOM = new SecureRandom();

    protected final String keyEntry = EncryptionKeys.generateEntry(KEY_ID, RANDOM);
    private Map<String, String> properties;

    @Inject
    protected WorkspacePersistenceAdapter workspaces;
    @Inject
    protected LinkedAccountPersistenceAdapter accounts;

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            Map<String, String> all = new HashMap<>(super.getProperties());
            all.put(EncryptionKeys.PROPERTY, keyEntry);
            properties = Map.copyOf(all);
        }
        return properties;
    }

    /** A plain JDBC connection to this class's database, outside Micronaut. */
    protected Connection jdbc() throws SQLException {
        return DriverManager.getConnection(properties.get("datasources.default.url"),
                properties.get("datasources.default.username"), properties.get("datasources.default.password"));
    }

    protected WorkspaceId newWorkspace() {
        Workspace workspace = new Workspace(WorkspaceId.random(), new WorkspaceName("ws-" + UUID.randomUUID()), Environment.TEST, NOW);
        workspaces.insert(workspace);
        return workspace.id();
    }

    protected LinkedAccount newAccount(WorkspaceId workspace) {
        LinkedAccount account = LinkedAccount.create(workspace, new LinkedAccountId("cust-" + UUID.randomUUID()), Optional.empty(),
                new Metadata("{}"), NOW);
        accounts.insert(account);
        return account;
    }

    protected static EncryptionKeys keys(String... entries) {
        return EncryptionKeys.of(String.join(",", entries));
    }
}
