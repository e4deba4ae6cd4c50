package dev.latchkey.client;

import java.util.List;

/** @param allowedOrigins origins allowed as return URLs, postMessage targets and iframe parents, e.g. {@code https://app.acme.com} */
public record WorkspaceSettings(List<String> allowedOrigins) {
    public WorkspaceSettings {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
}
