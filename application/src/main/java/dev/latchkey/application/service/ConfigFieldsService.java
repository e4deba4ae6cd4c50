package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConfigFieldsResult;
import dev.latchkey.application.port.in.DefineConfigFieldsCommand;
import dev.latchkey.application.port.in.DefineConfigFieldsUseCase;
import dev.latchkey.application.port.in.GetConfigFieldsUseCase;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.ResetConfigFieldsUseCase;
import dev.latchkey.application.port.out.ConfigFieldStorePort;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.config.ConfigFieldSet;
import dev.latchkey.domain.config.ConfigFieldsReader;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Clock;

/**
 * Which questions a workspace asks about a connector: its own definitions, else the connector
 * file's. Changing definitions never touches stored values; reads show what still fits.
 */
public final class ConfigFieldsService implements DefineConfigFieldsUseCase, GetConfigFieldsUseCase, ResetConfigFieldsUseCase {
    private final GetConnectorUseCase connectors;
    private final ConfigFieldStorePort store;
    private final Clock clock;

    public ConfigFieldsService(GetConnectorUseCase connectors, ConfigFieldStorePort store, Clock clock) {
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

    @Override
    public ConfigFieldsResult get(WorkspaceId workspaceId, ConnectorSlug connector) {
        ConfigFieldSet defaults = connectors.get(workspaceId, connector).definition().configFields();
        return store.find(workspaceId, connector)
                .map(own -> new ConfigFieldsResult(own, ConfigFieldsResult.Source.WORKSPACE))
                .orElseGet(() -> new ConfigFieldsResult(defaults, defaults.isEmpty() ? ConfigFieldsResult.Source.NONE
                        : ConfigFieldsResult.Source.CONNECTOR));
    }

    @Override
    public void reset(WorkspaceId workspaceId, ConnectorSlug connector) {
        connectors.get(workspaceId, connector);
        store.delete(workspaceId, connector);
    }
}
