package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface GetConnectionUseCase {
    /** One connection of the account; {@code connection_not_found} otherwise (also for another account's). */
    Connection get(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectionId connectionId);
}
