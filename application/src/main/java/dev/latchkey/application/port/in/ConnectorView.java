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
