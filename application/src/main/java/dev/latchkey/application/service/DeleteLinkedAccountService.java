package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DeleteLinkedAccountUseCase;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

/**
 * Deletes a linked account: first its connections are revoked at their providers (best effort),
 * then the account goes and the store cascades to everything that hangs off it. Session tokens are
 * bound to the account's key, so they die with it even if the id is reused later.
 */
public final class DeleteLinkedAccountService implements DeleteLinkedAccountUseCase {
    private final LinkedAccountStorePort accounts;
    private final ConnectionStorePort connections;
    private final Revoker revoker;

    public DeleteLinkedAccountService(LinkedAccountStorePort accounts, ConnectionStorePort connections, GetConnectorUseCase connectors,
                                      List<AuthSchemePort> schemes) {
        this.accounts = accounts;
        this.connections = connections;
        this.revoker = new Revoker(connectors, new AuthSchemes(schemes));
    }

    @Override
    public void delete(WorkspaceId workspaceId, LinkedAccountId id) {
        LinkedAccount account = accounts.find(workspaceId, id).orElseThrow(() -> LinkedAccountErrors.notFound(id));
        for (Connection connection : connections.listByAccount(workspaceId, account.key())) {
            revoker.revoke(connection);
        }
        if (!accounts.delete(workspaceId, id)) {
            throw LinkedAccountErrors.notFound(id);
        }
    }
}
