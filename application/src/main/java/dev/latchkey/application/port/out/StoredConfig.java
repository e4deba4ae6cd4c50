package dev.latchkey.application.port.out;

import dev.latchkey.domain.config.ConfigId;

import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The values a customer saved for one app under one config id. Values of fields that were removed
 * from the definitions since stay here (they are only hidden from reads). {@code secretKeys} names
 * the values that are stored encrypted; {@link #toString()} shows no value.
 *
 * @param values plain JSON values by field key; no nulls (an absent key is an unset field)
 */
public record StoredConfig(WorkspaceId workspaceId, LinkedAccountKey accountKey, ConnectorSlug connector, ConfigId configId,
                           Map<String, Object> values, Set<String> secretKeys, Instant updatedAt) {
    public StoredConfig {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(accountKey, "accountKey");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(configId, "configId");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, Objects.requireNonNull(v, "a stored value is never null (leave the key out)")));
        values = Collections.unmodifiableMap(copy);
        secretKeys = Set.copyOf(secretKeys);
        if (!values.keySet().containsAll(secretKeys)) {
            throw new IllegalArgumentException("every secret key has a value");
        }
    }

    @Override
    public String toString() {
        return "StoredConfig[" + connector + "/" + configId + ", keys=" + values.keySet() + ", secret=" + secretKeys + "]";
    }
}
