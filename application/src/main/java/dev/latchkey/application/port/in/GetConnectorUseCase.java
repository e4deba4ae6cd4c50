package dev.latchkey.application.port.in;

import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface GetConnectorUseCase {
    /** The connector, or {@code connector_not_found}. */
    ConnectorView get(WorkspaceId workspaceId, ConnectorSlug slug);
}
