package dev.latchkey.application.port.in;

import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Map;

public interface DefinePrivateConnectorUseCase {
    /** A new private connector from a full definition; a built-in or taken slug is a conflict. */
    ConnectorView create(WorkspaceId workspaceId, Map<String, Object> definition);

    /** Replaces a private connector's definition; the slug in the body must match. */
    ConnectorView replace(WorkspaceId workspaceId, ConnectorSlug slug, Map<String, Object> definition);
}
