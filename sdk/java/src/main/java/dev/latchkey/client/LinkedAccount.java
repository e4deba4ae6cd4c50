package dev.latchkey.client;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One customer of your company, under your own id.
 *
 * @param name     null when it has none
 * @param metadata a JSON object of your own
 */
public record LinkedAccount(String id, String name, Map<String, Object> metadata, Instant createdAt, Instant updatedAt) {
    public LinkedAccount {
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
