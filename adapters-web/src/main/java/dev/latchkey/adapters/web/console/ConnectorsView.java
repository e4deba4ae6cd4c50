package dev.latchkey.adapters.web.console;

import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.OAuthClient;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The workspace's connectors: enabled or not, built in or its own, how they authorize, and for those
 * that need the workspace's OAuth app whether it has one (without it they cannot be connected yet).
 */
public record ConnectorsView(String workspaceName, String redirectUri, List<Row> connectors, @Nullable String changed,
                             List<String> problems) implements ConsoleView {
    /**
     * @param usesOAuthApp a way to connect goes through the provider's consent page (the workspace's OAuth app)
     * @param needsOAuthApp it can't be connected yet: every way to connect needs the OAuth app, not set
     * @param secretSet whether the OAuth app's client secret is stored (never the secret itself)
     */
    public record Row(String slug, String name, String categories, String origin, boolean enabled, String authTypes, boolean usesOAuthApp,
                      boolean needsOAuthApp, String oauthClientId, boolean secretSet, String enableAction, String oauthAppAction) {
        @Override
        public String toString() {
            return "Row[" + slug + "]";
        }
    }

    static ConnectorsView of(Workspace workspace, List<ConnectorView> connectors, String redirectUri, @Nullable String changed,
                             List<String> problems) {
        String base = ConsolePaths.workspace(workspace.id().toString()) + "/connectors/";
        return new ConnectorsView(workspace.name().value(), redirectUri, connectors.stream().map(c -> {
            String slug = c.definition().slug().value();
            return new Row(slug, c.definition().name(), String.join(", ", c.definition().categories()),
                    c.builtIn() ? "built in" : "this workspace's", c.settings().enabled(),
                    c.auth().stream().map(AuthCapabilities::type).collect(Collectors.joining(", ")),
                    c.usesOAuthApp(), c.awaitsOAuthApp(), c.settings().client().map(OAuthClient::clientId).orElse(""),
                    c.settings().client().isPresent(), base + slug + "/enabled", base + slug + "/oauth-app");
        }).toList(), changed, List.copyOf(problems));
    }

    @Override
    public String template() {
        return "connectors";
    }

    @Override
    public String title() {
        return "Connectors · " + workspaceName;
    }

    @Override
    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("redirect_uri", redirectUri);
        model.put("changed", changed);
        model.put("problems", problems);
        long waiting = connectors.stream().filter(c -> c.needsOAuthApp() && c.enabled()).count();
        model.put("waiting", waiting == 0 ? null : waiting + " enabled connector" + (waiting == 1 ? "" : "s")
                + " cannot be connected yet: they need this workspace's OAuth app. Customers are not offered them until it is set.");
        model.put("connectors", connectors.stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("slug", c.slug());
            row.put("name", c.name());
            row.put("categories", c.categories());
            row.put("origin", c.origin());
            row.put("enabled", c.enabled());
            row.put("auth_types", c.authTypes());
            row.put("uses_oauth_app", c.usesOAuthApp());
            row.put("needs_oauth_app", c.needsOAuthApp());
            row.put("oauth_client_id", c.oauthClientId());
            row.put("secret_set", c.secretSet());
            row.put("enable_action", c.enableAction());
            row.put("oauth_app_action", c.oauthAppAction());
            return row;
        }).toList());
        return model;
    }
}
