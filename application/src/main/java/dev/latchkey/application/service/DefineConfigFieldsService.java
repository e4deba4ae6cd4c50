package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConfigFieldsResult;
import dev.latchkey.application.port.in.DefineConfigFieldsCommand;
import dev.latchkey.application.port.in.DefineConfigFieldsUseCase;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.out.ConfigFieldStorePort;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.config.ConfigFieldSet;
import dev.latchkey.domain.config.ConfigFieldsReader;

import java.time.Clock;

/**
 * A workspace's own config field definitions of a connector, replacing the connector file's.
 * Changing definitions never touches stored values; reads show what still fits.
 */
public final class DefineConfigFieldsService implements DefineConfigFieldsUseCase {
    private final GetConnectorUseCase connectors;
    private final ConfigFieldStorePort store;
    private final Clock clock;

    public DefineConfigFieldsService(GetConnectorUseCase connectors, ConfigFieldStorePort store, Clock clock) {
        this.connectors = connectors;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public ConfigFieldsResult define(DefineConfigFieldsCommand command) {
        connectors.get(command.workspaceId(), command.connector());
        if (command.fields() == null) {
            throw InvalidInputException.of("fields", "is required: a list of field definitions ([] for none)");
        }
        ConfigFieldSet fields = ConfigFieldsReader.read(command.fields(), "fields");
        store.save(command.workspaceId(), command.connector(), fields, clock.instant());
        return new ConfigFieldsResult(fields, ConfigFieldsResult.Source.WORKSPACE);
    }
}
