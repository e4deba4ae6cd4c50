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

    /** Whether a way to connect goes through the provider's consent page, which needs the workspace's OAuth app. */
    public boolean usesOAuthApp() {
        return definition.auth().stream().anyMatch(dev.latchkey.domain.connector.AuthMethod::redirects);
    }

    /**
     * It can't be connected yet: every way to connect goes through the provider's consent page, and the
     * workspace has not set its OAuth app. Customers are not offered it (the portal, GET /v1/apps); the
     * console shows it instead.
     */
    public boolean awaitsOAuthApp() {
        return settings.client().isEmpty() && !definition.auth().isEmpty()
                && definition.auth().stream().allMatch(dev.latchkey.domain.connector.AuthMethod::redirects);
    }

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
