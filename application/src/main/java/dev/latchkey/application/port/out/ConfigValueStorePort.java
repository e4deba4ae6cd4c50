package dev.latchkey.application.port.out;

import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.config.ConfigId;
import dev.latchkey.application.port.out.StoredConfig;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Optional;

/**
 * The config values of linked accounts, per (account, connector, config id). Independent of
 * connections: values outlive a disconnect. Values named by {@link StoredConfig#secretKeys()} are
 * stored encrypted. Deleting the linked account deletes its configs.
 */
public interface ConfigValueStorePort {
    Optional<StoredConfig> find(WorkspaceId workspaceId, LinkedAccountKey account, ConnectorSlug connector, ConfigId configId);

    /** The account's configs ordered by connector, then config id. */
    List<StoredConfig> listByAccount(WorkspaceId workspaceId, LinkedAccountKey account);

    /** Creates or replaces. */
    void save(StoredConfig config);

    boolean delete(WorkspaceId workspaceId, LinkedAccountKey account, ConnectorSlug connector, ConfigId configId);
}
