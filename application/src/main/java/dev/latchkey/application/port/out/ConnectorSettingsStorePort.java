package dev.latchkey.application.port.out;

import dev.latchkey.domain.connector.ConnectorSettings;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Map;
import java.util.Optional;

/** A workspace's choices per connector: enabled, its own OAuth app (secret encrypted at rest), scopes. */
public interface ConnectorSettingsStorePort {
    Optional<ConnectorSettings> find(WorkspaceId workspaceId, ConnectorSlug connector);

    Map<ConnectorSlug, ConnectorSettings> all(WorkspaceId workspaceId);

    void save(WorkspaceId workspaceId, ConnectorSlug connector, ConnectorSettings settings);

    /** Forgets the settings (and the OAuth client secret) of a connector. */
    void delete(WorkspaceId workspaceId, ConnectorSlug connector);
}
