package dev.latchkey.application.port.in;

import dev.latchkey.domain.connector.ConnectorSettings;

import dev.latchkey.application.port.out.ConnectorSettingsStorePort;
import dev.latchkey.domain.connector.ConnectorDefinition;

import java.util.List;

/**
 * A connector as a workspace sees it: its definition, whether it is built in or the workspace's
 * own, and the workspace's settings for it.
 */
public record ConnectorView(ConnectorDefinition definition, boolean builtIn, ConnectorSettings settings) {

    /** The scopes an authorization asks for: the workspace's choice, else the connector's defaults. */
    public List<String> scopesFor(String authType) {
        if (!settings.scopes().isEmpty()) {
            return settings.scopes();
        }
        return definition.authMethod(authType).map(m -> switch (m) {
            case dev.latchkey.domain.connector.AuthMethod.OAuth2AuthorizationCode o -> o.scopes();
            case dev.latchkey.domain.connector.AuthMethod.OAuth2ClientCredentials c -> c.scopes();
            default -> List.<String>of();
        }).orElse(List.of());
    }
}
