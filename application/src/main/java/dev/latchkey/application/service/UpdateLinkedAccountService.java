package dev.latchkey.application.service;

import dev.latchkey.application.port.in.UpdateLinkedAccountCommand;
import dev.latchkey.application.port.in.UpdateLinkedAccountUseCase;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.Metadata;

import java.time.Clock;
import java.time.Instant;

public final class UpdateLinkedAccountService implements UpdateLinkedAccountUseCase {
    private final LinkedAccountStorePort accounts;
    private final TransactionPort transactions;
    private final Clock clock;

    public UpdateLinkedAccountService(LinkedAccountStorePort accounts, TransactionPort transactions, Clock clock) {
        this.accounts = accounts;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public LinkedAccount update(UpdateLinkedAccountCommand command) {
        return transactions.inTransaction(() -> {
            LinkedAccount current = accounts.find(command.workspaceId(), command.id())
                    .orElseThrow(() -> LinkedAccountErrors.notFound(command.id()));
            Instant now = clock.instant();
            LinkedAccount changed = current
                    .renamed(command.name().applyTo(current.name()), now)
                    .withMetadata(command.metadata().applyTo(java.util.Optional.of(current.metadata())).orElse(Metadata.EMPTY), now);
            accounts.update(changed);
            return changed;
        });
    }
}
