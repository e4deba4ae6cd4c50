package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface DisconnectUseCase {
    /**
     * Revokes the credentials at the provider where the connector declares how (a failure there is
     * logged; the local disconnect happens anyway) and deletes the connection.
     */
    void disconnect(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectionId connectionId);
}
