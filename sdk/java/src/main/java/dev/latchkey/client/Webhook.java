package dev.latchkey.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A webhook endpoint of your workspace.
 *
 * @param events event types, or {@code ["*"]} for every type
 * @param secret the signing secret ({@code whsec_...}): only in the answers that create or rotate
 *               it, null in lists. Never printed by {@link #toString()}.
 */
public record Webhook(String id, String url, List<String> events, Instant createdAt, String secret) {
    public Webhook {
        events = events == null ? List.of() : List.copyOf(events);
    }

    public Optional<String> signingSecret() {
        return Optional.ofNullable(secret);
    }

    @Override
    public String toString() {
        return "Webhook[id=" + id + ", url=" + url + ", events=" + events + ", createdAt=" + createdAt
                + (secret == null ? "" : ", secret=***") + "]";
    }
}
