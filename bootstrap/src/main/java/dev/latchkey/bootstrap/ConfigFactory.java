package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.GetConfigFieldsUseCase;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.PrepareProxyRequestUseCase;
import dev.latchkey.application.port.out.ConfigFieldStorePort;
import dev.latchkey.application.port.out.ConfigValueStorePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.ProviderHttpPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.service.DefineConfigFieldsService;
import dev.latchkey.application.service.DeleteConfigService;
import dev.latchkey.application.service.GetConfigFieldsService;
import dev.latchkey.application.service.GetConfigService;
import dev.latchkey.application.service.ListConfigOptionsService;
import dev.latchkey.application.service.ListConfigsService;
import dev.latchkey.application.service.ResetConfigFieldsService;
import dev.latchkey.application.service.SaveConfigService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The config use cases: which questions a workspace asks about a connector, and each linked account's answers. */
@Factory
public class ConfigFactory {

    @Singleton
    DefineConfigFieldsService defineConfigFields(GetConnectorUseCase connectors, ConfigFieldStorePort store, Clock clock) {
        return new DefineConfigFieldsService(connectors, store, clock);
    }

    @Singleton
    GetConfigFieldsService getConfigFields(GetConnectorUseCase connectors, ConfigFieldStorePort store) {
        return new GetConfigFieldsService(connectors, store);
    }

    @Singleton
    ResetConfigFieldsService resetConfigFields(GetConnectorUseCase connectors, ConfigFieldStorePort store) {
        return new ResetConfigFieldsService(connectors, store);
    }

    @Singleton
    GetConfigService getConfig(LinkedAccountStorePort accounts, GetConfigFieldsUseCase definitions, ConfigValueStorePort values) {
        return new GetConfigService(accounts, definitions, values);
    }

    @Singleton
    SaveConfigService saveConfig(LinkedAccountStorePort accounts, GetConfigFieldsUseCase definitions, ConfigValueStorePort values,
                                 EventOutboxPort events, TransactionPort transactions, Clock clock) {
        return new SaveConfigService(accounts, definitions, values, events, transactions, clock);
    }

    @Singleton
    DeleteConfigService deleteConfig(LinkedAccountStorePort accounts, GetConfigFieldsUseCase definitions, ConfigValueStorePort values,
                                     EventOutboxPort events, TransactionPort transactions, Clock clock) {
        return new DeleteConfigService(accounts, definitions, values, events, transactions, clock);
    }

    @Singleton
    ListConfigsService listConfigs(LinkedAccountStorePort accounts, GetConfigFieldsUseCase definitions, ConfigValueStorePort values) {
        return new ListConfigsService(accounts, definitions, values);
    }

    @Singleton
    ListConfigOptionsService listConfigOptions(LinkedAccountStorePort accounts, ConnectionStorePort connections,
                                               GetConfigFieldsUseCase definitions, GetConnectorUseCase connectors,
                                               PrepareProxyRequestUseCase prepare, ProviderHttpPort http) {
        return new ListConfigOptionsService(accounts, connections, definitions, connectors, prepare, http);
    }
}
