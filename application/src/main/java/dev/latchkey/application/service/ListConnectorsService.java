package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.in.ListConnectorsUseCase;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

/** The connectors a workspace sees, sorted by slug: the catalog's and its private ones, each with its settings. */
public final class ListConnectorsService implements ListConnectorsUseCase {
    private final ConnectorDirectory directory;

    public ListConnectorsService(ConnectorDirectory directory) {
        this.directory = directory;
    }

    @Override
    public List<ConnectorView> list(WorkspaceId workspaceId) {
        return directory.list(workspaceId);
    }
}
