package dev.latchkey.application.port.in;

import dev.latchkey.domain.config.ConfigId;
import dev.latchkey.domain.connector.ConnectorSlug;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** @param values the stored values of the current fields, secrets masked */
public record ConfigSummary(ConnectorSlug connector, ConfigId configId, Map<String, Object> values, Instant updatedAt) {
    public ConfigSummary {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(configId, "configId");
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
