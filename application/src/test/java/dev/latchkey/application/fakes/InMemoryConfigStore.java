package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.ConfigFieldStorePort;
import dev.latchkey.application.port.out.ConfigValueStorePort;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.config.ConfigFieldSet;
import dev.latchkey.domain.config.ConfigId;
import dev.latchkey.application.port.out.StoredConfig;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Config-field definitions and config values in maps; records whether a save happened inside a transaction. */
public final class InMemoryConfigStore implements ConfigFieldStorePort, ConfigValueStorePort {
    private final Map<List<Object>, ConfigFieldSet> definitions = new HashMap<>();
    private final Map<List<Object>, StoredConfig> values = new HashMap<>();
    private final InMemoryTransactions transactions;
    private int savesOutsideTransactions;

    public InMemoryConfigStore(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized Optional<ConfigFieldSet> find(WorkspaceId workspaceId, ConnectorSlug connector) {
        return Optional.ofNullable(definitions.get(List.of(workspaceId, connector)));
    }

    @Override
    public synchronized void save(WorkspaceId workspaceId, ConnectorSlug connector, ConfigFieldSet fields, Instant now) {
        definitions.put(List.of(workspaceId, connector), fields);
    }

    @Override
    public synchronized boolean delete(WorkspaceId workspaceId, ConnectorSlug connector) {
        return definitions.remove(List.of(workspaceId, connector)) != null;
    }

    @Override
    public synchronized Optional<StoredConfig> find(WorkspaceId workspaceId, LinkedAccountKey account, ConnectorSlug connector, ConfigId configId) {
        return Optional.ofNullable(values.get(List.of(workspaceId, account, connector, configId)));
    }

    @Override
    public synchronized List<StoredConfig> listByAccount(WorkspaceId workspaceId, LinkedAccountKey account) {
        return values.values().stream().filter(c -> c.workspaceId().equals(workspaceId) && c.accountKey().equals(account))
                .sorted(Comparator.comparing((StoredConfig c) -> c.connector().value()).thenComparing(c -> c.configId().value())).toList();
    }

    @Override
    public synchronized void save(StoredConfig config) {
        if (!transactions.isActive()) {
            savesOutsideTransactions++;
        }
        values.put(List.of(config.workspaceId(), config.accountKey(), config.connector(), config.configId()), config);
    }

    @Override
    public synchronized boolean delete(WorkspaceId workspaceId, LinkedAccountKey account, ConnectorSlug connector, ConfigId configId) {
        return values.remove(List.of(workspaceId, account, connector, configId)) != null;
    }

    public synchronized int savesOutsideTransactions() {
        return savesOutsideTransactions;
    }

    public synchronized int configCount() {
        return values.size();
    }
}
