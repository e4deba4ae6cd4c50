package dev.latchkey.adapters.persistence.account;

import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

@Singleton
@TranslatesDatabaseFailures
public class LinkedAccountPersistenceAdapter implements LinkedAccountStorePort {
    private final LinkedAccountRepository repository;

    public LinkedAccountPersistenceAdapter(LinkedAccountRepository repository) {
        this.repository = repository;
    }

    @Override
    public boolean insert(LinkedAccount account) {
        return repository.insertIfAbsent(account.key().value(), account.workspaceId().value(), account.id().value(),
                account.name().map(AccountName::value).orElse(null), account.metadata().json(),
                account.createdAt(), account.updatedAt()) == 1;
    }

    @Override
    public void update(LinkedAccount account) {
        repository.update(account.workspaceId().value(), account.key().value(),
                account.name().map(AccountName::value).orElse(null), account.metadata().json(), account.updatedAt());
    }

    @Override
    public Optional<LinkedAccount> find(WorkspaceId workspaceId, LinkedAccountId id) {
        return repository.findByWorkspaceIdAndExternalId(workspaceId.value(), id.value()).map(LinkedAccountPersistenceAdapter::toDomain);
    }

    @Override
    public Optional<LinkedAccount> findByKey(WorkspaceId workspaceId, LinkedAccountKey key) {
        return repository.findByWorkspaceIdAndAccountKey(workspaceId.value(), key.value()).map(LinkedAccountPersistenceAdapter::toDomain);
    }

    @Override
    public boolean exists(WorkspaceId workspaceId, LinkedAccountKey key) {
        return repository.existsByWorkspaceIdAndAccountKey(workspaceId.value(), key.value());
    }

    @Override
    public Page<LinkedAccount> list(WorkspaceId workspaceId, int limit, Optional<LinkedAccountId> after, Optional<String> prefix) {
        // One row more than asked tells whether another page follows.
        String afterId = after.map(LinkedAccountId::value).orElse(null);
        List<LinkedAccountRow> rows = prefix.isPresent()
                ? repository.search(workspaceId.value(), afterId, prefix.get(), limit + 1)
                : repository.page(workspaceId.value(), afterId, limit + 1);
        List<LinkedAccount> items = rows.stream().limit(limit).map(LinkedAccountPersistenceAdapter::toDomain).toList();
        Optional<String> next = rows.size() > limit ? Optional.of(items.get(items.size() - 1).id().value()) : Optional.empty();
        return new Page<>(items, next);
    }

    @Override
    public boolean delete(WorkspaceId workspaceId, LinkedAccountId id) {
        return repository.deleteByWorkspaceIdAndExternalId(workspaceId.value(), id.value()) > 0;
    }

    private static LinkedAccount toDomain(LinkedAccountRow row) {
        return new LinkedAccount(new WorkspaceId(row.workspaceId()), new LinkedAccountId(row.externalId()),
                new LinkedAccountKey(row.accountKey()), Optional.ofNullable(row.name()).map(AccountName::new),
                new Metadata(row.metadata()), row.createdAt(), row.updatedAt());
    }
}
