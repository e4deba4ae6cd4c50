package dev.latchkey.application.port.in;

import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface DeletePrivateConnectorUseCase {
    void delete(WorkspaceId workspaceId, ConnectorSlug slug);
}
