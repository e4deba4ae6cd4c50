package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.workspace.WorkspaceId;

public interface GetLinkedAccountUseCase {
    /** The account, or {@code linked_account_not_found}. */
    LinkedAccount get(WorkspaceId workspaceId, LinkedAccountId id);
}
