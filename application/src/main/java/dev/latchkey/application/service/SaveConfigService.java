package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConfigQuery;
import dev.latchkey.application.port.in.ConfigResult;
import dev.latchkey.application.port.in.GetConfigFieldsUseCase;
import dev.latchkey.application.port.in.SaveConfigCommand;
import dev.latchkey.application.port.in.SaveConfigUseCase;
import dev.latchkey.application.port.out.ConfigValueStorePort;
import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.StoredConfig;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.config.ConfigField;
import dev.latchkey.domain.config.ConfigFieldSet;
import dev.latchkey.domain.config.InvalidConfigException;
import dev.latchkey.domain.config.JsonValues;
import dev.latchkey.domain.event.Event;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A linked account's config values per app and config id. A save is the complete set of values of
 * the current fields, checked all at once; values of fields removed from the definitions are kept
 * (hidden, not dropped), secrets sent back masked keep their stored value. A change emits
 * {@code config.updated} with the keys that changed, never a value.
 */
public final class SaveConfigService implements SaveConfigUseCase {
    private final LinkedAccountStorePort accounts;
    private final GetConfigFieldsUseCase definitions;
    private final ConfigValueStorePort values;
    private final EventOutboxPort events;
    private final TransactionPort transactions;
    private final Clock clock;

    public SaveConfigService(LinkedAccountStorePort accounts, GetConfigFieldsUseCase definitions, ConfigValueStorePort values,
                             EventOutboxPort events, TransactionPort transactions, Clock clock) {
        this.accounts = accounts;
        this.definitions = definitions;
        this.values = values;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public ConfigResult save(SaveConfigCommand command) {
        ConfigQuery query = command.config();
        LinkedAccount account = AccountLookups.account(accounts, query.workspaceId(), query.accountId());
        ConfigFieldSet fields = definitions.get(query.workspaceId(), query.connector()).fields();
        Optional<StoredConfig> old = values.find(query.workspaceId(), account.key(), query.connector(), query.configId());
        Map<String, Object> before = old.map(StoredConfig::values).orElse(Map.of());

        Set<String> storedSecrets = old.map(StoredConfig::secretKeys).orElse(Set.of());
        // nulls stay until validated, so an unknown key is refused even when its value is null
        Map<String, Object> next = new LinkedHashMap<>();
        Set<String> kept = new HashSet<>();
        List<FieldViolation> problems = new ArrayList<>();
        command.values().forEach((key, value) -> {
            // The read masks a value whose field is secret now or whose value was stored as a secret: the mask keeps either.
            boolean masked = fields.field(key).map(ConfigField::secret).orElse(false) || storedSecrets.contains(key);
            if (masked && ConfigField.MASK.equals(value)) {
                if (before.containsKey(key)) {
                    next.put(key, before.get(key));
                    kept.add(key);
                } else {
                    problems.add(new FieldViolation(key, "has no stored secret to keep; send the secret itself"));
                }
            } else {
                next.put(key, value);
            }
        });
        problems.addAll(fields.violations(next, kept));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        next.values().removeIf(java.util.Objects::isNull);

        Set<String> secretKeys = new HashSet<>();
        next.keySet().forEach(key -> {
            if (fields.field(key).filter(ConfigField::secret).isPresent() || kept.contains(key) && storedSecrets.contains(key)) {
                secretKeys.add(key); // a kept secret stays sealed even if its field is no longer secret
            }
        });
        before.forEach((key, value) -> {
            if (fields.field(key).isEmpty()) {
                next.put(key, value);
                if (old.get().secretKeys().contains(key)) {
                    secretKeys.add(key);
                }
            }
        });
        Set<String> changed = new TreeSet<>();
        Set<String> keys = new HashSet<>(before.keySet());
        keys.addAll(next.keySet());
        keys.stream().filter(k -> !JsonValues.same(before.get(k), next.get(k))).forEach(changed::add);

        Instant now = clock.instant();
        StoredConfig saved = new StoredConfig(query.workspaceId(), account.key(), query.connector(), query.configId(), next, secretKeys,
                changed.isEmpty() && old.isPresent() ? old.get().updatedAt() : now);
        if (!changed.isEmpty() || old.isEmpty()) {
            transactions.inTransaction(() -> {
                values.save(saved);
                if (!changed.isEmpty()) {
                    events.append(Event.of(query.workspaceId(), Event.CONFIG_UPDATED, now, Map.of(
                            "linked_account_id", query.accountId().value(),
                            "connector", query.connector().value(),
                            "config_id", query.configId().value(),
                            "changed_keys", List.copyOf(changed))));
                }
            });
        }
        return new ConfigResult(query.connector(), query.configId(), GetConfigService.readout(fields, Optional.of(saved)));
    }
}
