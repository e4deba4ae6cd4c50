package dev.latchkey.application.port.out;

import dev.latchkey.domain.config.ConfigFieldSet;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Optional;

/** A workspace's own config-field definitions per connector, overriding the connector file's defaults. */
public interface ConfigFieldStorePort {
    Optional<ConfigFieldSet> find(WorkspaceId workspaceId, ConnectorSlug connector);

    /** Creates or replaces the workspace's definitions for the connector. */
    void save(WorkspaceId workspaceId, ConnectorSlug connector, ConfigFieldSet fields, Instant now);

    /** Whether there were definitions to delete. */
    boolean delete(WorkspaceId workspaceId, ConnectorSlug connector);
}
