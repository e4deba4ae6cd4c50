package dev.latchkey.application.port.in;

import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

public interface ListConnectorsUseCase {
    /** The built-in catalog and the workspace's private connectors, with its settings, in slug order. */
    List<ConnectorView> list(WorkspaceId workspaceId);
}
