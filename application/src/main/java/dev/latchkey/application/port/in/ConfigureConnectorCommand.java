package dev.latchkey.application.port.in;

import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fields left empty stay as they are. A client id without a secret keeps the stored secret when
 * the client id is unchanged.
 */
public record ConfigureConnectorCommand(WorkspaceId workspaceId, ConnectorSlug slug, Optional<Boolean> enabled,
                                        Optional<String> clientId, Optional<String> clientSecret, Optional<List<String>> scopes) {
    public ConfigureConnectorCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(enabled, "enabled");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(scopes, "scopes");
    }

    @Override
    public String toString() {
        return "ConfigureConnectorCommand[" + slug + ", clientSecret=" + (clientSecret.isPresent() ? "***" : "unchanged") + "]";
    }
}
