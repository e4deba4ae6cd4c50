package dev.latchkey.domain.connector;

import dev.latchkey.domain.config.ConfigFieldSet;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything Latchkey knows about a third-party app: how to show it, where its API is, which
 * values a customer gives, and the ways to authenticate. Read from a connector file or, for a
 * workspace's private connector, from the API, by {@link ConnectorDefinitionReader}. {@code configFields}
 * are the questions a customer answers once connected, unless the workspace defines its own.
 * {@code iconUrl} is the definition's own icon (a private or operator connector may name one); without it
 * Latchkey serves a generated one, and the files shipped with Latchkey name none (nothing is hot-linked).
 * {@code propagateTrace} says whether the provider may receive the W3C {@code traceparent} of a proxied
 * request (off unless the file says {@code api.propagate_trace: true}: a trace id is the caller's business,
 * and a provider that never asked for it is not told). {@code refreshAtLeastEvery} is how often a connection's
 * refresh token must be used because the provider revokes idle ones (the file's {@code refresh_at_least_every}):
 * the background refresher refreshes a connection that long after its last refresh, whatever its token's expiry.
 * {@code rateLimit} is how the provider signals a limit (the file's {@code rate_limit}, else {@link RateLimitPolicy#DEFAULT}).
 */
public record ConnectorDefinition(
        ConnectorSlug slug,
        String name,
        List<String> categories,
        Optional<String> iconUrl,
        String docsUrl,
        Template baseUrl,
        Map<String, String> apiHeaders,
        List<ConnectorParam> params,
        List<AuthMethod> auth,
        Optional<HttpCheck> verify,
        Optional<HttpCheck> identity,
        ConfigFieldSet configFields,
        boolean propagateTrace,
        Optional<Duration> refreshAtLeastEvery,
        RateLimitPolicy rateLimit) {

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
        Objects.requireNonNull(configFields, "configFields");
        Objects.requireNonNull(refreshAtLeastEvery, "refreshAtLeastEvery");
        Objects.requireNonNull(rateLimit, "rateLimit");
        refreshAtLeastEvery.ifPresent(every -> {
            if (every.compareTo(Duration.ofHours(1)) < 0) {
                throw new IllegalArgumentException("refresh_at_least_every must be at least an hour");
            }
        });
    }

    /** A connector whose provider keeps idle refresh tokens. */
    public ConnectorDefinition(ConnectorSlug slug, String name, List<String> categories, Optional<String> iconUrl, String docsUrl,
                               Template baseUrl, Map<String, String> apiHeaders, List<ConnectorParam> params, List<AuthMethod> auth,
                               Optional<HttpCheck> verify, Optional<HttpCheck> identity, ConfigFieldSet configFields,
                               boolean propagateTrace) {
        this(slug, name, categories, iconUrl, docsUrl, baseUrl, apiHeaders, params, auth, verify, identity, configFields,
                propagateTrace, Optional.empty(), RateLimitPolicy.DEFAULT);
    }

    /**
     * The placeholders of {@code api.base_url} that neither a required param nor a value kept by the auth entries' schemes
     * (their {@link AuthCapabilities#tokenValues()}, such as Salesforce's {@code instance_url}) fills, in order.
     */
    public List<String> baseUrlValuesNotProvided(List<AuthCapabilities> capabilities) {
        java.util.Set<String> provided = new java.util.HashSet<>();
        params.stream().filter(ConnectorParam::required).forEach(p -> provided.add(p.name()));
        capabilities.forEach(c -> provided.addAll(c.tokenValues()));
        return baseUrl.placeholders().stream().filter(name -> !provided.contains(name)).toList();
    }

    /** A connector whose provider is sent no trace context. */
    public ConnectorDefinition(ConnectorSlug slug, String name, List<String> categories, Optional<String> iconUrl, String docsUrl,
                               Template baseUrl, Map<String, String> apiHeaders, List<ConnectorParam> params, List<AuthMethod> auth,
                               Optional<HttpCheck> verify, Optional<HttpCheck> identity, ConfigFieldSet configFields) {
        this(slug, name, categories, iconUrl, docsUrl, baseUrl, apiHeaders, params, auth, verify, identity, configFields, false);
    }

    /** A connector without default config fields. */
    public ConnectorDefinition(ConnectorSlug slug, String name, List<String> categories, Optional<String> iconUrl, String docsUrl,
                               Template baseUrl, Map<String, String> apiHeaders, List<ConnectorParam> params, List<AuthMethod> auth,
                               Optional<HttpCheck> verify, Optional<HttpCheck> identity) {
        this(slug, name, categories, iconUrl, docsUrl, baseUrl, apiHeaders, params, auth, verify, identity, ConfigFieldSet.NONE);
    }

    public Optional<AuthMethod> authMethod(String type) {
        return auth.stream().filter(a -> a.type().equals(type)).findFirst();
    }

    public Optional<ConnectorParam> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
