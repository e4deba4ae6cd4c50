package dev.latchkey.client;

import java.util.List;
import java.util.Map;

/** {@code /v1/workspace/settings}. */
public final class Workspace {
    private final Transport transport;

    Workspace(Transport transport) {
        this.transport = transport;
    }

    public WorkspaceSettings settings() {
        return transport.get("/v1/workspace/settings", WorkspaceSettings.class);
    }

    /** Replaces the allowed origins ({@code scheme://host[:port]} each). */
    public WorkspaceSettings allowedOrigins(List<String> origins) {
        return transport.call("PUT", "/v1/workspace/settings", Map.of("allowed_origins", List.copyOf(origins)),
                Transport.Repeat.IDEMPOTENT, Transport.type(WorkspaceSettings.class));
    }
}
