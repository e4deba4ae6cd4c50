package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.PendingAuthorization;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * @param authType    which of the connector's auth entries; empty: its only (or first) one
 * @param credentials what the customer typed for key-based schemes
 * @param returnUrl   where to send the customer after an OAuth redirect; under an allowed origin
 */
public record ConnectAppCommand(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectorSlug connector,
                                Optional<String> authType, Map<String, String> params, Map<String, String> credentials,
                                PendingAuthorization.Mode mode, Optional<String> returnUrl) {
    public ConnectAppCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(authType, "authType");
        params = Map.copyOf(params);
        credentials = Map.copyOf(credentials);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(returnUrl, "returnUrl");
    }

    @Override
    public String toString() {
        return "ConnectAppCommand[" + connector + ", account=" + accountId + ", credentials=" + credentials.keySet() + "]";
    }
}
