package dev.latchkey.domain.connector;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything Latchkey knows about a third-party app: how to show it, where its API is, which
 * values a customer gives, and the ways to authenticate. Read from a connector file or, for a
 * workspace's private connector, from the API, by {@link ConnectorDefinitionReader}.
 */
public record ConnectorDefinition(
        ConnectorSlug slug,
        String name,
        List<String> categories,
        String iconUrl,
        String docsUrl,
        Template baseUrl,
        Map<String, String> apiHeaders,
        List<ConnectorParam> params,
        List<AuthMethod> auth,
        Optional<HttpCheck> verify,
        Optional<HttpCheck> identity) {

    public ConnectorDefinition {
        Objects.requireNonNull(slug, "slug");
        Names.requireText(name, "name");
        categories = List.copyOf(categories);
        Objects.requireNonNull(iconUrl, "iconUrl");
        Objects.requireNonNull(docsUrl, "docsUrl");
        Objects.requireNonNull(baseUrl, "baseUrl");
        apiHeaders = Map.copyOf(apiHeaders);
        params = List.copyOf(params);
        auth = List.copyOf(auth);
        if (auth.isEmpty()) {
            throw new IllegalArgumentException("a connector offers at least one auth method");
        }
        Objects.requireNonNull(verify, "verify");
        Objects.requireNonNull(identity, "identity");
    }

    public Optional<AuthMethod> authMethod(String type) {
        return auth.stream().filter(a -> a.type().equals(type)).findFirst();
    }

    public Optional<ConnectorParam> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
