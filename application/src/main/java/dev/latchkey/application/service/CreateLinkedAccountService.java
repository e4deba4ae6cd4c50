package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateLinkedAccountCommand;
import dev.latchkey.application.port.in.CreateLinkedAccountUseCase;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.account.LinkedAccount;

import java.time.Clock;

public final class CreateLinkedAccountService implements CreateLinkedAccountUseCase {
    private final LinkedAccountStorePort accounts;
    private final Clock clock;

    public CreateLinkedAccountService(LinkedAccountStorePort accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public LinkedAccount create(CreateLinkedAccountCommand command) {
        LinkedAccount account = LinkedAccount.create(command.workspaceId(), command.id(), command.name(), command.metadata(), clock.instant());
        if (!accounts.insert(account)) {
            throw LinkedAccountErrors.exists(command.id());
        }
        return account;
    }
}
