package dev.latchkey.application.port.in;

import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface ResetConfigFieldsUseCase {
    /** Drops the workspace's definitions: the connector file's defaults apply again. Stored values are kept. */
    void reset(WorkspaceId workspaceId, ConnectorSlug connector);
}
