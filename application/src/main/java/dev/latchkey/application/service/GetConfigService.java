package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConfigQuery;
import dev.latchkey.application.port.in.ConfigResult;
import dev.latchkey.application.port.in.GetConfigFieldsUseCase;
import dev.latchkey.application.port.in.GetConfigUseCase;
import dev.latchkey.application.port.out.ConfigValueStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.StoredConfig;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.config.ConfigFieldSet;
import dev.latchkey.domain.config.ConfigReadout;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A linked account's config values of one app and config id; secrets are masked, values of removed fields hidden. */
public final class GetConfigService implements GetConfigUseCase {
    private final LinkedAccountStorePort accounts;
    private final GetConfigFieldsUseCase definitions;
    private final ConfigValueStorePort values;

    public GetConfigService(LinkedAccountStorePort accounts, GetConfigFieldsUseCase definitions, ConfigValueStorePort values) {
        this.accounts = accounts;
        this.definitions = definitions;
        this.values = values;
    }

    @Override
    public ConfigResult get(ConfigQuery query) {
        LinkedAccount account = AccountLookups.account(accounts, query.workspaceId(), query.accountId());
        ConfigFieldSet fields = definitions.get(query.workspaceId(), query.connector()).fields();
        Optional<StoredConfig> stored = values.find(query.workspaceId(), account.key(), query.connector(), query.configId());
        return new ConfigResult(query.connector(), query.configId(), readout(fields, stored));
    }

    /** What a read shows of the stored values: those of the current fields, secrets masked. */
    static ConfigReadout readout(ConfigFieldSet fields, Optional<StoredConfig> stored) {
        return ConfigReadout.of(fields, stored.map(StoredConfig::values).orElse(Map.of()), stored.map(StoredConfig::secretKeys).orElse(Set.of()),
                stored.map(StoredConfig::updatedAt));
    }
}
