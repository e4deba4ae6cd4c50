package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateLinkedAccountCommand;
import dev.latchkey.application.port.in.UpsertLinkedAccountResult;
import dev.latchkey.application.port.in.UpsertLinkedAccountUseCase;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.account.LinkedAccount;

import java.time.Clock;
import java.time.Instant;

public final class UpsertLinkedAccountService implements UpsertLinkedAccountUseCase {
    private final LinkedAccountStorePort accounts;
    private final TransactionPort transactions;
    private final Clock clock;

    public UpsertLinkedAccountService(LinkedAccountStorePort accounts, TransactionPort transactions, Clock clock) {
        this.accounts = accounts;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public UpsertLinkedAccountResult upsert(CreateLinkedAccountCommand command) {
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            LinkedAccount fresh = LinkedAccount.create(command.workspaceId(), command.id(), command.name(), command.metadata(), now);
            if (accounts.insert(fresh)) {
                return new UpsertLinkedAccountResult(fresh, true);
            }
            // Taken, possibly by a racing request that just committed: update what is there.
            LinkedAccount existing = accounts.find(command.workspaceId(), command.id())
                    .orElseThrow(() -> LinkedAccountErrors.notFound(command.id()));
            LinkedAccount updated = existing.renamed(command.name(), now).withMetadata(command.metadata(), now);
            accounts.update(updated);
            return new UpsertLinkedAccountResult(updated, false);
        });
    }
}
