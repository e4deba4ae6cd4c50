package dev.latchkey.application.fakes;

import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorDefinitionReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Connector definitions for tests, as source maps (the shape of the files and the API) and read. */
public final class TestConnectors {
    private TestConnectors() {
    }

    public static ConnectorDefinition read(Map<String, Object> source) {
        return new ConnectorDefinitionReader(false).read(source);
    }

    /** OAuth2 with PKCE, a comma scope separator, a revocation endpoint and an identity request. */
    public static Map<String, Object> slackSource() {
        return Map.of(
                "slug", "slack",
                "name", "Slack",
                "categories", List.of("chat"),
                "icon_url", "https://slack.com/favicon.ico",
                "docs_url", "https://api.slack.com/authentication/oauth-v2",
                "api", Map.of("base_url", "https://slack.com/api"),
                "auth", List.of(Map.of(
                        "type", "oauth2",
                        "authorization_url", "https://slack.com/oauth/v2/authorize",
                        "token_url", "https://slack.com/api/oauth.v2.access",
                        "revocation_url", "https://slack.com/api/auth.revoke",
                        "scopes", List.of("chat:write", "channels:read"),
                        "scope_separator", ",")),
                "identity", Map.of("method", "GET", "path", "/auth.test", "pointer", "/team"));
    }

    /** OAuth2 whose URLs take a validated {@code subdomain} param. */
    public static Map<String, Object> zendeskSource() {
        return Map.of(
                "slug", "zendesk",
                "name", "Zendesk",
                "categories", List.of("support"),
                "icon_url", "https://www.zendesk.com/favicon.ico",
                "docs_url", "https://developer.zendesk.com",
                "api", Map.of("base_url", "https://{subdomain}.zendesk.com/api/v2"),
                "params", List.of(Map.of(
                        "name", "subdomain",
                        "label", "Zendesk subdomain",
                        "pattern", "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?",
                        "required", true,
                        "help_text", "The part before .zendesk.com")),
                "auth", List.of(Map.of(
                        "type", "oauth2",
                        "authorization_url", "https://{subdomain}.zendesk.com/oauth/authorizations/new",
                        "token_url", "https://{subdomain}.zendesk.com/oauth/tokens",
                        "scopes", List.of("read"),
                        "client_auth", "body")),
                "identity", Map.of("method", "GET", "path", "/users/me.json", "pointer", "/user/email"));
    }

    /** OAuth2 without PKCE and without identity. */
    public static Map<String, Object> notionSource() {
        return Map.of(
                "slug", "notion",
                "name", "Notion",
                "icon_url", "https://www.notion.so/favicon.ico",
                "docs_url", "https://developers.notion.com/docs/authorization",
                "api", Map.of("base_url", "https://api.notion.com/v1"),
                "auth", List.of(Map.of(
                        "type", "oauth2",
                        "authorization_url", "https://api.notion.com/v1/oauth/authorize",
                        "token_url", "https://api.notion.com/v1/oauth/token",
                        "pkce", false)));
    }

    /** An API key in a Bearer header, verified with GET /v1/balance, labelled from GET /v1/account. */
    public static Map<String, Object> stripeSource() {
        return Map.of(
                "slug", "stripe",
                "name", "Stripe",
                "categories", List.of("payments"),
                "icon_url", "https://stripe.com/favicon.ico",
                "docs_url", "https://docs.stripe.com/api/authentication",
                "api", Map.of("base_url", "https://api.stripe.com"),
                "auth", List.of(Map.of(
                        "type", "api_key",
                        "fields", List.of(Map.of("name", "api_key", "label", "Secret key", "secret", true)),
                        "placement", "header",
                        "name", "Authorization",
                        "format", "Bearer {api_key}")),
                "verify", Map.of("method", "GET", "path", "/v1/balance", "expect_status", 200),
                "identity", Map.of("method", "GET", "path", "/v1/account", "pointer", "/email"));
    }

    /** A private connector of a workspace: an API key in X-Api-Key, an account param, no provider calls. */
    public static Map<String, Object> privateSource(String slug) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("slug", slug);
        source.put("name", "Acme CRM (" + slug + ")");
        source.put("categories", List.of("crm"));
        source.put("icon_url", "https://crm.acme.test/favicon.ico");
        source.put("docs_url", "https://crm.acme.test/docs");
        source.put("api", Map.of("base_url", "https://{account}.crm.acme.test/api"));
        source.put("params", List.of(Map.of("name", "account", "label", "Account", "pattern", "[a-z]{2,20}")));
        source.put("auth", List.of(Map.of(
                "type", "api_key",
                "fields", List.of(
                        Map.of("name", "api_key", "label", "API key", "secret", true),
                        Map.of("name", "region", "label", "Region", "required", false)),
                "placement", "header",
                "name", "X-Api-Key",
                "format", "{api_key}")));
        return source;
    }

    /** The same source with one top-level key replaced. */
    public static Map<String, Object> with(Map<String, Object> source, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(source);
        copy.put(key, value);
        return copy;
    }
}
