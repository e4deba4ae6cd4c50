package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Linked accounts per workspace, ordered by id like the database ("C" collation): the id prefix
 * is case-sensitive, the name prefix is not.
 */
public final class InMemoryLinkedAccountStore implements LinkedAccountStorePort {
    private final Map<WorkspaceId, TreeMap<String, LinkedAccount>> byWorkspace = new HashMap<>();
    private int updates;
    private Consumer<LinkedAccount> onDelete = account -> { };

    private TreeMap<String, LinkedAccount> of(WorkspaceId workspaceId) {
        return byWorkspace.computeIfAbsent(workspaceId, w -> new TreeMap<>());
    }

    @Override
    public boolean insert(LinkedAccount account) {
        return of(account.workspaceId()).putIfAbsent(account.id().value(), account) == null;
    }

    @Override
    public void update(LinkedAccount account) {
        TreeMap<String, LinkedAccount> accounts = of(account.workspaceId());
        LinkedAccount stored = accounts.get(account.id().value());
        if (stored != null && stored.key().equals(account.key())) {
            // Only name, metadata and updatedAt change, as the port promises.
            accounts.put(stored.id().value(), new LinkedAccount(stored.workspaceId(), stored.id(), stored.key(),
                    account.name(), account.metadata(), stored.createdAt(), account.updatedAt()));
            updates++;
        }
    }

    @Override
    public Optional<LinkedAccount> find(WorkspaceId workspaceId, LinkedAccountId id) {
        return Optional.ofNullable(of(workspaceId).get(id.value()));
    }

    @Override
    public Optional<LinkedAccount> findByKey(WorkspaceId workspaceId, LinkedAccountKey key) {
        return of(workspaceId).values().stream().filter(a -> a.key().equals(key)).findFirst();
    }

    @Override
    public boolean exists(WorkspaceId workspaceId, LinkedAccountKey key) {
        return of(workspaceId).values().stream().anyMatch(a -> a.key().equals(key));
    }

    @Override
    public Page<LinkedAccount> list(WorkspaceId workspaceId, int limit, Optional<LinkedAccountId> after, Optional<String> prefix) {
        TreeMap<String, LinkedAccount> accounts = of(workspaceId);
        var candidates = after.map(a -> accounts.tailMap(a.value(), false)).orElse(accounts).values().stream()
                .filter(a -> prefix.map(p -> matches(a, p)).orElse(true))
                .limit(limit + 1L)
                .toList();
        List<LinkedAccount> items = candidates.stream().limit(limit).toList();
        Optional<String> next = candidates.size() > limit ? Optional.of(items.get(items.size() - 1).id().value()) : Optional.empty();
        return new Page<>(items, next);
    }

    private static boolean matches(LinkedAccount account, String prefix) {
        return account.id().value().startsWith(prefix)
                || account.name().map(AccountName::value)
                .map(n -> n.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT)))
                .orElse(false);
    }

    @Override
    public boolean delete(WorkspaceId workspaceId, LinkedAccountId id) {
        LinkedAccount removed = of(workspaceId).remove(id.value());
        if (removed != null) {
            onDelete.accept(removed);
        }
        return removed != null;
    }

    /** Like ON DELETE CASCADE: what hangs off a deleted account goes with it (e.g. {@link InMemoryConnectionStore#deleteAccount}). */
    public InMemoryLinkedAccountStore cascadingTo(InMemoryConnectionStore connections) {
        onDelete = account -> connections.deleteAccount(account.key());
        return this;
    }

    public int count(WorkspaceId workspaceId) {
        return of(workspaceId).size();
    }

    public int updates() {
        return updates;
    }
}
