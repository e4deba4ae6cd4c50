package dev.latchkey.client;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A verified webhook's payload: {@code {"id", "type", "created_at", "data"}}.
 *
 * @param id   the event id, also the {@code webhook-id} header: the same on every attempt, so use it to ignore duplicates
 * @param type {@code connection.created}, {@code connection.updated}, {@code connection.recovered},
 *             {@code connection.expired}, {@code connection.deleted}, {@code linked_account.deleted}, {@code config.updated}
 */
public record WebhookEvent(String id, String type, Instant createdAt, Map<String, Object> data) {
    public WebhookEvent {
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public String linkedAccountId() {
        return text("linked_account_id");
    }

    /** Null for events that are not about one connection. */
    public String connectionId() {
        return text("connection_id");
    }

    /** The connector's slug; null for {@code linked_account.deleted}. */
    public String connector() {
        return text("connector");
    }

    private String text(String key) {
        Object value = data.get(key);
        return value == null ? null : value.toString();
    }
}
