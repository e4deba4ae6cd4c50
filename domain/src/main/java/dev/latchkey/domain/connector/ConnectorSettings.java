package dev.latchkey.domain.connector;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A workspace's choices for one connector.
 *
 * @param client the workspace's own OAuth app, if set
 * @param scopes the scopes to ask for; empty: the connector's defaults
 */
public record ConnectorSettings(boolean enabled, Optional<OAuthClient> client, List<String> scopes) {
    public static final ConnectorSettings DEFAULT = new ConnectorSettings(true, Optional.empty(), List.of());

    public ConnectorSettings {
        Objects.requireNonNull(client, "client");
        scopes = List.copyOf(scopes);
    }
}
