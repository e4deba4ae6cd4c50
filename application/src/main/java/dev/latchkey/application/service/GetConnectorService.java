package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

/** One connector as a workspace sees it: its private definition first, else the catalog's. */
public final class GetConnectorService implements GetConnectorUseCase {
    private final ConnectorDirectory directory;

    public GetConnectorService(ConnectorDirectory directory) {
        this.directory = directory;
    }

    @Override
    public ConnectorView get(WorkspaceId workspaceId, ConnectorSlug slug) {
        return directory.get(workspaceId, slug);
    }
}
