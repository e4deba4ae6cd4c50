package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent's call to a provider's API, for one linked account.
 *
 * @param method   GET, HEAD, POST, PUT, PATCH or DELETE
 * @param path     below the connector's API base URL, e.g. {@code /crm/v3/objects/deals}; confined as the proxy's
 * @param query    query parameters, encoded here
 * @param jsonBody the request body as JSON text, sent with {@code Content-Type: application/json}
 */
public record CallProviderApiCommand(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectorSlug connector, String method,
                                     String path, Map<String, String> query, Optional<String> jsonBody) {
    public CallProviderApiCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        Objects.requireNonNull(jsonBody, "jsonBody");
    }
}
