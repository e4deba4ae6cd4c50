package dev.latchkey.domain.webhook;

import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where a workspace hears about its events. {@code events} names the event types it wants, or is
 * {@code ["*"]} for every type (also types added later).
 */
public record WebhookEndpoint(WebhookEndpointId id, WorkspaceId workspaceId, URI url, List<String> events, Instant createdAt) {
    public static final String ALL_EVENTS = "*";

    public WebhookEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(url, "url");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("must name at least one event type, or \"*\" for all");
        }
        for (String type : events) {
            if (!ALL_EVENTS.equals(type) && !Event.TYPES.contains(type)) {
                throw new IllegalArgumentException("'" + type + "' is not an event type; known: \"*\", "
                        + String.join(", ", Event.TYPES.stream().sorted().toList()));
            }
        }
        if (events.contains(ALL_EVENTS) && events.size() > 1) {
            throw new IllegalArgumentException("\"*\" already means every event type: send it alone");
        }
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean wants(String type) {
        return events.contains(ALL_EVENTS) || events.contains(type);
    }
}
