package dev.latchkey.domain.event;

import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Something a company hears about by webhook. Written to the outbox in the same transaction as the
 * change that caused it; its id stays the same across delivery attempts. {@code data} never holds a
 * secret: ids, connector slugs, statuses, error texts.
 */
public record Event(String id, WorkspaceId workspaceId, String type, Instant createdAt, Map<String, Object> data) {
    public static final String CONNECTION_CREATED = "connection.created";
    public static final String CONNECTION_UPDATED = "connection.updated";
    public static final String CONNECTION_EXPIRED = "connection.expired";
    public static final String CONNECTION_RECOVERED = "connection.recovered";
    public static final String CONNECTION_DELETED = "connection.deleted";
    public static final String LINKED_ACCOUNT_DELETED = "linked_account.deleted";
    public static final String CONFIG_UPDATED = "config.updated";
    public static final Set<String> TYPES = Set.of(CONNECTION_CREATED, CONNECTION_UPDATED, CONNECTION_EXPIRED, CONNECTION_RECOVERED,
            CONNECTION_DELETED, LINKED_ACCOUNT_DELETED, CONFIG_UPDATED);

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        data = Map.copyOf(data);
    }

    public static Event of(WorkspaceId workspaceId, String type, Instant now, Map<String, Object> data) {
        return new Event("evt_" + UUID.randomUUID().toString().replace("-", ""), workspaceId, type, now, data);
    }
}
