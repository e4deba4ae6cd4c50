package dev.latchkey.application.port.out;

import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A workspace's choices per connector: enabled, its own OAuth app (secret encrypted at rest), scopes. */
public interface ConnectorSettingsStorePort {
    Optional<Settings> find(WorkspaceId workspaceId, ConnectorSlug connector);

    Map<ConnectorSlug, Settings> all(WorkspaceId workspaceId);

    void save(WorkspaceId workspaceId, ConnectorSlug connector, Settings settings);

    /** @param scopes empty: the connector's default scopes */
    record Settings(boolean enabled, Optional<AuthSchemePort.OAuthClient> client, List<String> scopes) {
        public static final Settings DEFAULT = new Settings(true, Optional.empty(), List.of());

        public Settings {
            Objects.requireNonNull(client, "client");
            scopes = List.copyOf(scopes);
        }
    }
}
