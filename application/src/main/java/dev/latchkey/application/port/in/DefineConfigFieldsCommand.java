package dev.latchkey.application.port.in;

import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Objects;

/** @param fields the definitions as parsed JSON (a list of objects), checked by the service; problems are named {@code fields[i]...} */
public record DefineConfigFieldsCommand(WorkspaceId workspaceId, ConnectorSlug connector, Object fields) {
    public DefineConfigFieldsCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(connector, "connector");
    }
}
