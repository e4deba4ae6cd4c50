package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DeletePrivateConnectorUseCase;
import dev.latchkey.application.port.out.ConnectorSettingsStorePort;
import dev.latchkey.application.port.out.PrivateConnectorStorePort;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

/** Deletes a workspace's own connector with its settings; the catalog's connectors cannot be deleted. */
public final class DeletePrivateConnectorService implements DeletePrivateConnectorUseCase {
    private final ConnectorDirectory directory;
    private final PrivateConnectorStorePort privates;
    private final ConnectorSettingsStorePort settings;

    public DeletePrivateConnectorService(ConnectorDirectory directory, PrivateConnectorStorePort privates,
                                         ConnectorSettingsStorePort settings) {
        this.directory = directory;
        this.privates = privates;
        this.settings = settings;
    }

    @Override
    public void delete(WorkspaceId workspaceId, ConnectorSlug slug) {
        directory.requirePrivate(workspaceId, slug);
        privates.delete(workspaceId, slug);
        settings.delete(workspaceId, slug);
        directory.forget(workspaceId, slug);
    }
}
