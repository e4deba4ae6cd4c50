package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConfigQuery;
import dev.latchkey.application.port.in.DeleteConfigUseCase;
import dev.latchkey.application.port.in.GetConfigFieldsUseCase;
import dev.latchkey.application.port.out.ConfigValueStorePort;
import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.StoredConfig;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.event.Event;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Deletes a linked account's config values of one app and config id, emitting {@code config.updated}
 * with every key that had a value and {@code deleted: true}, never a value.
 */
public final class DeleteConfigService implements DeleteConfigUseCase {
    private final LinkedAccountStorePort accounts;
    private final GetConfigFieldsUseCase definitions;
    private final ConfigValueStorePort values;
    private final EventOutboxPort events;
    private final TransactionPort transactions;
    private final Clock clock;

    public DeleteConfigService(LinkedAccountStorePort accounts, GetConfigFieldsUseCase definitions, ConfigValueStorePort values,
                               EventOutboxPort events, TransactionPort transactions, Clock clock) {
        this.accounts = accounts;
        this.definitions = definitions;
        this.values = values;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void delete(ConfigQuery query) {
        LinkedAccount account = AccountLookups.account(accounts, query.workspaceId(), query.accountId());
        definitions.get(query.workspaceId(), query.connector());
        transactions.inTransaction(() -> {
            Optional<StoredConfig> old = values.find(query.workspaceId(), account.key(), query.connector(), query.configId());
            if (values.delete(query.workspaceId(), account.key(), query.connector(), query.configId()) && old.isPresent()) {
                // every key that had a value changed (to none), also those of removed fields; nothing changes when nothing was stored
                events.append(Event.of(query.workspaceId(), Event.CONFIG_UPDATED, clock.instant(), Map.of(
                        "linked_account_id", query.accountId().value(),
                        "connector", query.connector().value(),
                        "config_id", query.configId().value(),
                        "changed_keys", List.copyOf(new TreeSet<>(old.get().values().keySet())),
                        "deleted", true)));
            }
        });
    }
}
