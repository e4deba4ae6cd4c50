package dev.latchkey.application.port.in;

import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface GetConfigFieldsUseCase {
    /** The workspace's definitions, else the connector file's defaults, else none; {@code connector_not_found}. */
    ConfigFieldsResult get(WorkspaceId workspaceId, ConnectorSlug connector);
}
