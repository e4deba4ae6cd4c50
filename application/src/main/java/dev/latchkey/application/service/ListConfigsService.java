package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConfigSummary;
import dev.latchkey.application.port.in.GetConfigFieldsUseCase;
import dev.latchkey.application.port.in.ListConfigsUseCase;
import dev.latchkey.application.port.out.ConfigValueStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.StoredConfig;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.config.ConfigFieldSet;
import dev.latchkey.domain.config.ConfigReadout;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A linked account's configs of every app, with the values the current fields show. */
public final class ListConfigsService implements ListConfigsUseCase {
    private final LinkedAccountStorePort accounts;
    private final GetConfigFieldsUseCase definitions;
    private final ConfigValueStorePort values;

    public ListConfigsService(LinkedAccountStorePort accounts, GetConfigFieldsUseCase definitions, ConfigValueStorePort values) {
        this.accounts = accounts;
        this.definitions = definitions;
        this.values = values;
    }

    @Override
    public List<ConfigSummary> list(WorkspaceId workspaceId, LinkedAccountId accountId) {
        LinkedAccount account = AccountLookups.account(accounts, workspaceId, accountId);
        Map<String, ConfigFieldSet> fieldsByConnector = new HashMap<>();
        List<ConfigSummary> out = new ArrayList<>();
        for (StoredConfig stored : values.listByAccount(workspaceId, account.key())) {
            ConfigFieldSet fields = fieldsByConnector.computeIfAbsent(stored.connector().value(), slug -> {
                try {
                    return definitions.get(workspaceId, stored.connector()).fields();
                } catch (NotFoundException e) {
                    return ConfigFieldSet.NONE; // a private connector deleted since: its values stay, unseen
                }
            });
            out.add(new ConfigSummary(stored.connector(), stored.configId(), ConfigReadout.visibleValues(fields, stored.values(), stored.secretKeys()), stored.updatedAt()));
        }
        return out;
    }
}
