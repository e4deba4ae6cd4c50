package dev.latchkey.client;

import java.util.List;

/**
 * A connector of the catalog (built in or your workspace's private one) with your workspace's settings.
 *
 * @param redirectUri the OAuth redirect URI to register with the provider for your own OAuth app
 */
public record Connector(String slug, String name, List<String> categories, String iconUrl, String docsUrl, boolean builtIn,
                        List<AuthType> authTypes, List<String> defaultScopes, Settings settings, String redirectUri) {
    public Connector {
        categories = categories == null ? List.of() : List.copyOf(categories);
        authTypes = authTypes == null ? List.of() : List.copyOf(authTypes);
        defaultScopes = defaultScopes == null ? List.of() : List.copyOf(defaultScopes);
    }

    /**
     * One way to connect ({@code oauth2}, {@code oauth1}, {@code api_key}...), as its scheme describes it: render from
     * these values, not from the type's name.
     *
     * @param redirects          true when connecting sends the customer to the provider (OAuth 2.0, OAuth 1.0a)
     * @param label              how to name it to a customer ("OAuth 2.0", "API key"); null from an older Latchkey
     * @param refreshes          whether Latchkey renews the credentials without the customer
     * @param callbackParameters what the provider sends back to the callback besides {@code state}
     * @param scopes             the scopes asked for unless the workspace chooses its own
     */
    public record AuthType(String type, boolean redirects, List<Field> fields, List<Param> params, String label, boolean refreshes,
                           List<String> callbackParameters, List<String> scopes) {
        public AuthType {
            fields = fields == null ? List.of() : List.copyOf(fields);
            params = params == null ? List.of() : List.copyOf(params);
            callbackParameters = callbackParameters == null ? List.of() : List.copyOf(callbackParameters);
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }

    /** A credential the customer enters for a key-based auth type. */
    public record Field(String name, String label, boolean secret, boolean required, String helpText) {
    }

    /** A value the connection needs besides credentials (e.g. a subdomain), with its pattern. */
    public record Param(String name, String label, String pattern, boolean required, String helpText) {
    }

    /**
     * Your workspace's settings of the connector.
     *
     * @param clientSecretSet whether a client secret is stored; it is never returned
     * @param scopes          the scopes asked for, when they replace the defaults
     */
    public record Settings(boolean enabled, String clientId, boolean clientSecretSet, List<String> scopes) {
        public Settings {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }
}
