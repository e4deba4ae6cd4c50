package dev.latchkey.application.service;

import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.workspace.WorkspaceId;

/** Finding a linked account, or one of its connections, in the caller's workspace: anything else is not found. */
final class AccountLookups {
    private AccountLookups() {
    }

    static LinkedAccount account(LinkedAccountStorePort accounts, WorkspaceId workspaceId, LinkedAccountId accountId) {
        return accounts.find(workspaceId, accountId).orElseThrow(() -> LinkedAccountErrors.notFound(accountId));
    }

    /** The connection, when it belongs to this very account; another account's is not found, not forbidden. */
    static Connection owned(LinkedAccountStorePort accounts, ConnectionStorePort connections, WorkspaceId workspaceId,
                            LinkedAccountId accountId, ConnectionId connectionId) {
        LinkedAccount account = account(accounts, workspaceId, accountId);
        return connections.find(workspaceId, connectionId)
                .filter(c -> c.accountKey().equals(account.key()))
                .orElseThrow(() -> ConnectorErrors.connectionNotFound(connectionId));
    }
}
