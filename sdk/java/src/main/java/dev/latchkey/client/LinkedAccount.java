package dev.latchkey.client;

import java.time.Instant;
import java.util.Map;

/**
 * One customer of your company, under your own id.
 *
 * @param name     null when it has none
 * @param metadata a JSON object of your own
 */
public record LinkedAccount(String id, String name, Map<String, Object> metadata, Instant createdAt, Instant updatedAt) {
    public LinkedAccount {
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }
}
