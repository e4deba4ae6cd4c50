package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DeleteLinkedAccountUseCase;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.workspace.WorkspaceId;

/**
 * Deletes a linked account. The store cascades to everything that hangs off the account; session
 * tokens are bound to the account's key, so they die with it even if the id is reused later.
 */
public final class DeleteLinkedAccountService implements DeleteLinkedAccountUseCase {
    private final LinkedAccountStorePort accounts;

    public DeleteLinkedAccountService(LinkedAccountStorePort accounts) {
        this.accounts = accounts;
    }

    @Override
    public void delete(WorkspaceId workspaceId, LinkedAccountId id) {
        if (!accounts.delete(workspaceId, id)) {
            throw LinkedAccountErrors.notFound(id);
        }
    }
}
