package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

public interface ListConnectionsUseCase {
    /** The account's connections, oldest first; {@code linked_account_not_found} for an unknown account. */
    List<Connection> list(WorkspaceId workspaceId, LinkedAccountId accountId);
}
