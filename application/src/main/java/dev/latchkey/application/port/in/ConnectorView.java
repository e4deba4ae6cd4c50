package dev.latchkey.application.port.in;

import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorSettings;

import java.util.List;
import java.util.Objects;

/**
 * A connector as a workspace sees it: its definition, whether it is built in or the workspace's
 * own, the workspace's settings for it, and what each of its auth entries does, as its scheme
 * declares it ({@code auth}, in the definition's order).
 */
public record ConnectorView(ConnectorDefinition definition, boolean builtIn, ConnectorSettings settings, List<AuthCapabilities> auth) {
    public ConnectorView {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(settings, "settings");
        auth = List.copyOf(auth);
        if (auth.size() != definition.auth().size()) {
            throw new IllegalArgumentException("a connector view describes each of the connector's auth entries");
        }
    }

    /** What the auth entry of this type does; an {@link IllegalArgumentException} when the connector has none. */
    public AuthCapabilities capabilities(String authType) {
        return auth.stream().filter(a -> a.type().equals(authType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(definition.slug() + " has no auth type '" + authType + "'"));
    }

    /** Whether a way to connect needs the workspace's app at the provider (its OAuth client, its OAuth 1.0a consumer). */
    public boolean usesOAuthApp() {
        return auth.stream().anyMatch(AuthCapabilities::workspaceClient);
    }

    /**
     * It can't be connected yet: every way to connect goes through the provider's consent page, and the
     * workspace has not set its OAuth app. Customers are not offered it (the portal, GET /v1/apps); the
     * console shows it instead.
     */
    public boolean awaitsOAuthApp() {
        return settings.client().isEmpty() && !auth.isEmpty() && auth.stream().allMatch(AuthCapabilities::workspaceClient);
    }

    /** The scopes an authorization asks for: the workspace's choice, else the connector's defaults. */
    public List<String> scopesFor(String authType) {
        if (!settings.scopes().isEmpty()) {
            return settings.scopes();
        }
        return auth.stream().filter(a -> a.type().equals(authType)).findFirst().map(AuthCapabilities::scopes).orElse(List.of());
    }

    /** Every default scope of the connector's auth entries, once each. */
    public List<String> defaultScopes() {
        return auth.stream().flatMap(a -> a.scopes().stream()).distinct().toList();
    }
}
