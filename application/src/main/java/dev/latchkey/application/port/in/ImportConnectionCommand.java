package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

public record ImportConnectionCommand(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectorSlug connector,
                                      Optional<String> authType, Map<String, String> params, Credentials credentials,
                                      Map<String, String> tokenValues, Optional<String> identifier) {
    public ImportConnectionCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(authType, "authType");
        params = Map.copyOf(params);
        Objects.requireNonNull(credentials, "credentials");
        tokenValues = Map.copyOf(tokenValues);
        Objects.requireNonNull(identifier, "identifier");
    }
}
