package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.ResetConfigFieldsUseCase;
import dev.latchkey.application.port.out.ConfigFieldStorePort;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

/** Drops a workspace's own config field definitions of a connector: the connector file's apply again. */
public final class ResetConfigFieldsService implements ResetConfigFieldsUseCase {
    private final GetConnectorUseCase connectors;
    private final ConfigFieldStorePort store;

    public ResetConfigFieldsService(GetConnectorUseCase connectors, ConfigFieldStorePort store) {
        this.connectors = connectors;
        this.store = store;
    }

    @Override
    public void reset(WorkspaceId workspaceId, ConnectorSlug connector) {
        connectors.get(workspaceId, connector);
        store.delete(workspaceId, connector);
    }
}
