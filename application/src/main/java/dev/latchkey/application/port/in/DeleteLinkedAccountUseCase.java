package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface DeleteLinkedAccountUseCase {
    /**
     * Deletes the account and everything it holds; its session tokens stop working at once.
     * An unknown id is {@code linked_account_not_found}.
     */
    void delete(WorkspaceId workspaceId, LinkedAccountId id);
}
