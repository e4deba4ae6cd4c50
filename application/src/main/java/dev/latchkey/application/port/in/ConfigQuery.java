package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.config.ConfigId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Objects;

/** One config: of a linked account, for an app, under a config id. */
public record ConfigQuery(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectorSlug connector, ConfigId configId) {
    public ConfigQuery {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(configId, "configId");
    }
}
