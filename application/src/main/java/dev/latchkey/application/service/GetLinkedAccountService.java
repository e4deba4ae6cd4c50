package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetLinkedAccountUseCase;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.workspace.WorkspaceId;

public final class GetLinkedAccountService implements GetLinkedAccountUseCase {
    private final LinkedAccountStorePort accounts;

    public GetLinkedAccountService(LinkedAccountStorePort accounts) {
        this.accounts = accounts;
    }

    @Override
    public LinkedAccount get(WorkspaceId workspaceId, LinkedAccountId id) {
        return accounts.find(workspaceId, id).orElseThrow(() -> LinkedAccountErrors.notFound(id));
    }
}
