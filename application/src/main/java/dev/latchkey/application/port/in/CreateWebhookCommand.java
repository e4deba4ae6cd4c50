package dev.latchkey.application.port.in;

import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Objects;

/** {@code url} as sent (checked by the service); {@code events}: event types, or {@code ["*"]} for all. */
public record CreateWebhookCommand(WorkspaceId workspaceId, String url, List<String> events) {
    public CreateWebhookCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(url, "url");
        events = List.copyOf(events);
    }
}
