package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConfigFieldsResult;
import dev.latchkey.application.port.in.GetConfigFieldsUseCase;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.out.ConfigFieldStorePort;
import dev.latchkey.domain.config.ConfigFieldSet;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

/** Which questions a workspace asks about a connector: its own definitions, else the connector file's. */
public final class GetConfigFieldsService implements GetConfigFieldsUseCase {
    private final GetConnectorUseCase connectors;
    private final ConfigFieldStorePort store;

    public GetConfigFieldsService(GetConnectorUseCase connectors, ConfigFieldStorePort store) {
        this.connectors = connectors;
        this.store = store;
    }

    @Override
    public ConfigFieldsResult get(WorkspaceId workspaceId, ConnectorSlug connector) {
        ConfigFieldSet defaults = connectors.get(workspaceId, connector).definition().configFields();
        return store.find(workspaceId, connector)
                .map(own -> new ConfigFieldsResult(own, ConfigFieldsResult.Source.WORKSPACE))
                .orElseGet(() -> new ConfigFieldsResult(defaults, defaults.isEmpty() ? ConfigFieldsResult.Source.NONE
                        : ConfigFieldsResult.Source.CONNECTOR));
    }
}
