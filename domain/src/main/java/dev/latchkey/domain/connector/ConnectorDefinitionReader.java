package dev.latchkey.domain.connector;

import dev.latchkey.domain.SourceNode;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.config.ConfigFieldSet;
import dev.latchkey.domain.config.ConfigFieldsReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a connector definition from its parsed form (YAML or JSON, as maps and lists) and checks
 * every rule at once: required keys, https endpoints, patterns that compile, unique names,
 * templates whose placeholders all have a source, secrets marked secret. Each violation names its
 * path, such as {@code auth[0].token_url}.
 */
public final class ConnectorDefinitionReader {
    private static final Set<String> TOP_LEVEL = Set.of("slug", "name", "categories", "icon_url", "docs_url", "api", "params",
            "auth", "verify", "identity", "config_fields", "refresh_at_least_every", "rate_limit",
            "actions"); // read by agent.ConnectorActionsReader (the MCP server's typed tools)
    private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern SECRET_LOOKING = Pattern.compile(".*(secret|password|token|private_key|api_key|apikey).*");

    private final boolean allowPlainHttp;

    /**
     * The text between scopes: one to eight characters, whitespace included (the default is one space,
     * which must not be mistaken for a blank value).
     */
    private static String scopeSeparator(Violations v, SourceNode a) {
        Object value = a.raw().get("scope_separator");
        if (value == null) {
            return " ";
        }
        if (value instanceof String separator && !separator.isEmpty() && separator.length() <= 8) {
            return separator;
        }
        v.add(a.path("scope_separator"), "must be one to eight characters, such as \" \" (the default), \",\" or \"+\"");
        return " ";
    }

    /** @param allowPlainHttp whether {@code http://} endpoints pass (only with LATCHKEY_ALLOW_PRIVATE_NETWORK) */
    public ConnectorDefinitionReader(boolean allowPlainHttp) {
        this.allowPlainHttp = allowPlainHttp;
    }

    public ConnectorDefinition read(Map<String, ?> source) {
        Violations v = new Violations();
        SourceNode root = SourceNode.of(v, "", source, "map");
        root.onlyKeys(TOP_LEVEL);

        ConnectorSlug slug = root.text("slug").map(s -> v.check("slug", () -> new ConnectorSlug(s))).orElse(null);
        String name = root.text("name").orElse(null);
        List<String> categories = root.texts("categories");
        for (int i = 0; i < categories.size(); i++) {
            if (!CATEGORY.matcher(categories.get(i)).matches()) {
                v.add("categories[" + i + "]", "must be a lowercase word such as crm or support");
            }
        }
        Optional<String> iconUrl = root.optionalText("icon_url").map(u -> url(v, "icon_url", u));
        String docsUrl = root.text("docs_url").map(u -> url(v, "docs_url", u)).orElse(null);

        SourceNode api = root.child("api");
        api.onlyKeys(Set.of("base_url", "headers", "propagate_trace"));
        Template baseUrl = api.text("base_url").map(u -> template(v, "api.base_url", u)).orElse(null);
        // "{instance_url}/services/data" takes its scheme and host from the token response: checked once filled.
        if (baseUrl != null && !baseUrl.text().startsWith("{")) {
            url(v, "api.base_url", baseUrl.text());
        }
        Map<String, String> apiHeaders = api.stringMap("headers");
        boolean propagateTrace = api.bool("propagate_trace", false);
        apiHeaders.keySet().forEach(header -> {
            if (!header.matches("[A-Za-z0-9-]{1,64}") || header.equalsIgnoreCase("authorization")) {
                v.add("api.headers." + header, "must be a header name other than Authorization");
            }
        });

        List<ConnectorParam> params = new ArrayList<>();
        List<SourceNode> paramNodes = root.optionalList("params");
        for (SourceNode p : paramNodes) {
            p.onlyKeys(Set.of("name", "label", "pattern", "required", "help_text"));
            String paramName = p.text("name").orElse(null);
            Pattern pattern = p.text("pattern").map(text -> {
                try {
                    return Pattern.compile(text);
                } catch (PatternSyntaxException e) {
                    v.add(p.path("pattern"), "is not a valid regular expression: " + e.getDescription());
                    return null;
                }
            }).orElse(null);
            String label = p.text("label").orElse(null);
            boolean required = p.bool("required", true);
            Optional<String> help = p.optionalText("help_text");
            if (paramName != null && pattern != null && label != null) {
                v.check(p.path(""), () -> params.add(new ConnectorParam(paramName, label, pattern, required, help)));
            }
        }
        unique(v, "params", params.stream().map(ConnectorParam::name).toList());
        // Params in URLs must always have a value: only required ones may appear in templates.
        Set<String> paramNames = new HashSet<>(params.stream().filter(ConnectorParam::required).map(ConnectorParam::name).toList());

        List<AuthMethod> auth = new ArrayList<>();
        List<SourceNode> authNodes = root.list("auth");
        for (SourceNode a : authNodes) {
            AuthMethod method = authMethod(v, a, paramNames);
            if (method != null) {
                auth.add(method);
            }
        }
        unique(v, "auth", auth.stream().map(AuthMethod::type).toList());

        // A scheme with code may keep values of its provider's answer too (its capabilities' tokenValues), which this reader
        // cannot know: with such an entry, the placeholders are checked against the discovered schemes instead
        // (ConnectorDefinition#baseUrlValuesNotProvided, called wherever the schemes are known).
        if (baseUrl != null && auth.stream().noneMatch(m -> m instanceof AuthMethod.Custom)) {
            Set<String> sources = new HashSet<>(paramNames);
            auth.forEach(m -> {
                if (m instanceof AuthMethod.OAuth2AuthorizationCode oauth) {
                    sources.addAll(oauth.tokenResponse().keySet());
                }
            });
            resolvable(v, "api.base_url", baseUrl, sources);
        }

        Set<String> checkSources = new HashSet<>(paramNames);
        auth.forEach(m -> m.fields().forEach(f -> checkSources.add(f.name())));
        Optional<HttpCheck> verify = root.optionalChild("verify").map(n -> check(v, n, false, checkSources));
        Optional<HttpCheck> identity = root.optionalChild("identity").map(n -> check(v, n, true, checkSources));

        ConfigFieldSet configFields = ConfigFieldsReader.read(source.get("config_fields"), "config_fields", v);
        Optional<Duration> refreshAtLeastEvery = refreshAtLeastEvery(v, root, authNodes, auth);
        RateLimitPolicy rateLimit = root.optionalChild("rate_limit").map(n -> rateLimit(v, n)).orElse(RateLimitPolicy.DEFAULT);

        v.throwIfAny();
        return new ConnectorDefinition(slug, name, categories, iconUrl, docsUrl, baseUrl, apiHeaders, params, auth, verify, identity,
                configFields, propagateTrace, refreshAtLeastEvery, rateLimit);
    }

    private AuthMethod authMethod(Violations v, SourceNode a, Set<String> params) {
        String type = a.text("type").orElse(null);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case AuthMethod.OAUTH2 -> {
                a.onlyKeys(Set.of("type", "authorization_url", "token_url", "revocation_url", "scopes", "scope_separator", "pkce",
                        "client_auth", "authorization_params", "token_params", "token_response", "refresh_margin_seconds",
                        "token_header", "token_format"));
                Template authorize = a.text("authorization_url").map(u -> endpoint(v, a.path("authorization_url"), u, params)).orElse(null);
                Template token = a.text("token_url").map(u -> endpoint(v, a.path("token_url"), u, params)).orElse(null);
                Optional<Template> revoke = a.optionalText("revocation_url").map(u -> endpoint(v, a.path("revocation_url"), u, params));
                Map<String, String> tokenResponse = a.stringMap("token_response");
                tokenResponse.forEach((key, pointer) -> {
                    if (!key.matches("[a-z][a-zA-Z0-9_]*")) {
                        v.add(a.path("token_response." + key), "must be named with letters, digits and _");
                    }
                    if (!pointer.startsWith("/")) {
                        v.add(a.path("token_response." + key), "must be a JSON pointer such as /instance_url");
                    }
                });
                if (authorize == null || token == null) {
                    yield null;
                }
                yield new AuthMethod.OAuth2AuthorizationCode(authorize, token, revoke, a.texts("scopes"),
                        scopeSeparator(v, a), a.bool("pkce", true), clientAuth(v, a),
                        a.stringMap("authorization_params"), a.stringMap("token_params"), tokenResponse, margin(v, a),
                        tokenPlacement(v, a));
            }
            case AuthMethod.OAUTH2_CLIENT_CREDENTIALS -> {
                a.onlyKeys(Set.of("type", "token_url", "scopes", "scope_separator", "client_auth", "token_params", "refresh_margin_seconds",
                        "token_header", "token_format"));
                Template token = a.text("token_url").map(u -> endpoint(v, a.path("token_url"), u, params)).orElse(null);
                yield token == null ? null : new AuthMethod.OAuth2ClientCredentials(token, a.texts("scopes"),
                        scopeSeparator(v, a), clientAuth(v, a), a.stringMap("token_params"), margin(v, a),
                        tokenPlacement(v, a));
            }
            case AuthMethod.API_KEY -> {
                a.onlyKeys(Set.of("type", "fields", "placement", "name", "format"));
                List<CredentialField> fields = fields(v, a);
                AuthMethod.Placement placement = a.optionalText("placement").map(p -> switch (p) {
                    case "header" -> AuthMethod.Placement.HEADER;
                    case "query" -> AuthMethod.Placement.QUERY;
                    default -> {
                        v.add(a.path("placement"), "must be header or query");
                        yield null;
                    }
                }).orElse(AuthMethod.Placement.HEADER);
                String headerName = a.text("name").orElse(null);
                Template format = a.optionalText("format").map(f -> template(v, a.path("format"), f)).orElse(null);
                if (format == null && fields.size() == 1) {
                    format = new Template("{" + fields.get(0).name() + "}");
                } else if (format == null) {
                    v.add(a.path("format"), "is required when there is more than one field, e.g. \"Bearer {api_key}\"");
                }
                fieldTemplate(v, a.path("format"), format, fields);
                yield placement == null || headerName == null || format == null || fields.isEmpty() ? null
                        : new AuthMethod.ApiKey(fields, placement, headerName, format);
            }
            case AuthMethod.BASIC -> {
                a.onlyKeys(Set.of("type", "fields", "username", "password"));
                List<CredentialField> fields = fields(v, a);
                Template username = a.text("username").map(t -> template(v, a.path("username"), t)).orElse(null);
                Template password = a.optionalString("password").map(t -> template(v, a.path("password"), t)).orElse(new Template(""));
                fieldTemplate(v, a.path("username"), username, fields);
                fieldTemplate(v, a.path("password"), password, fields);
                yield username == null || fields.isEmpty() ? null : new AuthMethod.Basic(fields, username, password);
            }
            default -> {
                if (!type.matches("[a-z][a-z0-9_]{0,62}")) {
                    v.add(a.path("type"), "must be oauth2, oauth2_client_credentials, api_key, basic or the name of a custom scheme");
                    yield null;
                }
                List<CredentialField> fields = a.raw().containsKey("fields") ? fields(v, a) : List.of();
                Map<String, Object> settings = new LinkedHashMap<>(a.raw());
                settings.remove("type");
                settings.remove("fields");
                // Whatever else the scheme reads is its own to check; an endpoint is everyone's: https, a host, known params.
                settings.forEach((key, value) -> {
                    if (key.endsWith("_url") && value instanceof String url) {
                        endpoint(v, a.path(key), url, params);
                    }
                });
                yield new AuthMethod.Custom(type, fields, settings);
            }
        };
    }

    private List<CredentialField> fields(Violations v, SourceNode a) {
        List<CredentialField> fields = new ArrayList<>();
        for (SourceNode f : a.list("fields")) {
            f.onlyKeys(Set.of("name", "label", "secret", "required", "help_text"));
            String name = f.text("name").orElse(null);
            String label = f.text("label").orElse(null);
            boolean secret = f.bool("secret", false);
            if (name != null && !secret && SECRET_LOOKING.matcher(name).matches()) {
                v.add(f.path("secret"), "must be true: a field named '" + name + "' holds a secret");
            }
            if (name != null && label != null) {
                v.check(f.path(""), () -> fields.add(new CredentialField(name, label, secret, f.bool("required", true),
                        f.optionalText("help_text"))));
            }
        }
        unique(v, a.path("fields"), fields.stream().map(CredentialField::name).toList());
        return fields;
    }

    private static void fieldTemplate(Violations v, String path, Template template, List<CredentialField> fields) {
        if (template != null) {
            resolvable(v, path, template, new HashSet<>(fields.stream().map(CredentialField::name).toList()));
        }
    }

    private static AuthMethod.ClientAuth clientAuth(Violations v, SourceNode a) {
        return a.optionalText("client_auth").map(c -> switch (c) {
            case "basic" -> AuthMethod.ClientAuth.BASIC;
            case "body" -> AuthMethod.ClientAuth.BODY;
            default -> {
                v.add(a.path("client_auth"), "must be basic or body");
                yield AuthMethod.ClientAuth.BASIC;
            }
        }).orElse(AuthMethod.ClientAuth.BASIC);
    }

    private static AuthMethod.TokenPlacement tokenPlacement(Violations v, SourceNode a) {
        String header = a.optionalText("token_header").orElse("Authorization");
        Template format = a.optionalText("token_format").map(f -> template(v, a.path("token_format"), f))
                .orElse(AuthMethod.TokenPlacement.BEARER.format());
        if (format != null) {
            resolvable(v, a.path("token_format"), format, Set.of("access_token"));
        }
        return format == null ? AuthMethod.TokenPlacement.BEARER : new AuthMethod.TokenPlacement(header, format);
    }

    /**
     * {@code refresh_at_least_every}: an ISO-8601 duration (P30D, PT12H) between an hour and a year, for a connector
     * with an {@code oauth2} entry (only its refresh tokens are kept alive by refreshing).
     */
    private static Optional<Duration> refreshAtLeastEvery(Violations v, SourceNode root, List<SourceNode> authNodes,
                                                          List<AuthMethod> auth) {
        Optional<String> text = root.optionalText("refresh_at_least_every");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Duration every;
        try {
            every = Duration.parse(text.get());
        } catch (java.time.format.DateTimeParseException e) {
            v.add("refresh_at_least_every", "must be an ISO-8601 duration such as P30D or PT12H (got '" + text.get() + "')");
            return Optional.empty();
        }
        if (every.compareTo(Duration.ofHours(1)) < 0 || every.compareTo(Duration.ofDays(366)) > 0) {
            v.add("refresh_at_least_every", "must be between PT1H and P366D");
            return Optional.empty();
        }
        boolean declaresOAuth2 = authNodes.stream().anyMatch(a -> AuthMethod.OAUTH2.equals(a.raw().get("type")));
        if (!declaresOAuth2 && auth.stream().noneMatch(a -> a instanceof AuthMethod.OAuth2AuthorizationCode)) {
            v.add("refresh_at_least_every", "needs an auth entry of type oauth2: only its refresh tokens are kept alive");
            return Optional.empty();
        }
        return Optional.of(every);
    }

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** {@code rate_limit}: statuses, header names and formats, a body pattern; whatever is left out is the default's. */
    private static RateLimitPolicy rateLimit(Violations v, SourceNode n) {
        n.onlyKeys(Set.of("statuses", "retry_after_header", "reset_header", "reset_format", "remaining_header", "body_pattern"));
        Set<Integer> statuses = new java.util.LinkedHashSet<>(RateLimitPolicy.DEFAULT.statuses());
        Object rawStatuses = n.raw().get("statuses");
        if (rawStatuses != null) {
            statuses.clear();
            if (!(rawStatuses instanceof List<?> list) || list.isEmpty()) {
                v.add(n.path("statuses"), "must be a list of HTTP statuses from 400 to 599, such as [429, 503]");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Integer status && status >= 400 && status <= 599) {
                        statuses.add(status);
                    } else {
                        v.add(n.path("statuses[" + i + "]"), "must be an HTTP status from 400 to 599");
                    }
                }
            }
        }
        String retryAfter = n.optionalText("retry_after_header").map(h -> headerName(v, n, "retry_after_header", h))
                .orElse(RateLimitPolicy.DEFAULT.retryAfterHeader());
        Optional<String> resetHeader = n.optionalText("reset_header").map(h -> headerName(v, n, "reset_header", h));
        Optional<RateLimitPolicy.ResetFormat> format = n.optionalText("reset_format").flatMap(f -> switch (f) {
            case "epoch_seconds" -> Optional.of(RateLimitPolicy.ResetFormat.EPOCH_SECONDS);
            case "delta_seconds" -> Optional.of(RateLimitPolicy.ResetFormat.DELTA_SECONDS);
            case "http_date" -> Optional.of(RateLimitPolicy.ResetFormat.HTTP_DATE);
            default -> {
                v.add(n.path("reset_format"), "must be epoch_seconds, delta_seconds or http_date");
                yield Optional.empty();
            }
        });
        if (resetHeader.isPresent() && format.isEmpty() && !n.has("reset_format")) {
            v.add(n.path("reset_format"), "is required with reset_header: epoch_seconds, delta_seconds or http_date");
        }
        if (resetHeader.isEmpty() && n.has("reset_format")) {
            v.add(n.path("reset_header"), "is required with reset_format");
        }
        Optional<String> remaining = n.optionalText("remaining_header").map(h -> headerName(v, n, "remaining_header", h));
        Optional<Pattern> body = n.optionalText("body_pattern").map(text -> {
            try {
                return Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                v.add(n.path("body_pattern"), "is not a valid regular expression: " + e.getDescription());
                return null;
            }
        });
        Optional<RateLimitPolicy.ResetHeader> reset = resetHeader.flatMap(h -> format.map(f -> new RateLimitPolicy.ResetHeader(h, f)));
        if (statuses.isEmpty()) {
            return RateLimitPolicy.DEFAULT;
        }
        return new RateLimitPolicy(statuses, retryAfter, reset, remaining, body);
    }

    private static String headerName(Violations v, SourceNode n, String key, String name) {
        if (!HEADER_NAME.matcher(name).matches()) {
            v.add(n.path(key), "must be a header name such as X-RateLimit-Reset");
        }
        return name;
    }

    private static Optional<Duration> margin(Violations v, SourceNode a) {
        return a.optionalWholeNumber("refresh_margin_seconds").map(seconds -> {
            if (seconds < 0 || seconds > 86_400) {
                v.add(a.path("refresh_margin_seconds"), "must be between 0 and 86400");
            }
            return Duration.ofSeconds(seconds);
        });
    }

    private HttpCheck check(Violations v, SourceNode n, boolean identity, Set<String> sources) {
        n.onlyKeys(identity ? Set.of("method", "path", "pointer", "expect_status") : Set.of("method", "path", "expect_status"));
        String method = n.optionalText("method").map(m -> m.toUpperCase(Locale.ROOT)).orElse("GET");
        Template path = n.text("path").map(p -> template(v, n.path("path"), p)).orElse(null);
        if (path != null) {
            resolvable(v, n.path("path"), path, sources);
        }
        int status = n.optionalWholeNumber("expect_status").map(Long::intValue).orElse(200);
        Optional<String> pointer = identity ? Optional.ofNullable(n.text("pointer").orElse(null)) : Optional.empty();
        return path == null ? null : v.check(n.path(""), () -> new HttpCheck(method, path, status, pointer));
    }

    private Template endpoint(Violations v, String path, String text, Set<String> params) {
        Template template = template(v, path, text);
        if (template != null) {
            url(v, path, text);
            resolvable(v, path, template, params);
        }
        return template;
    }

    private String url(Violations v, String path, String url) {
        boolean https = url.startsWith("https://");
        boolean http = url.startsWith("http://");
        if (!https && !(http && allowPlainHttp)) {
            v.add(path, "must be an https:// URL (got '" + url + "')");
        } else if (url.indexOf('/', https ? 8 : 7) == (https ? 8 : 7)) {
            v.add(path, "must name a host");
        }
        return url;
    }

    private static Template template(Violations v, String path, String text) {
        return v.check(path, () -> new Template(text));
    }

    private static void resolvable(Violations v, String path, Template template, Set<String> sources) {
        for (String name : template.placeholders()) {
            if (!sources.contains(name)) {
                v.add(path, unprovided(name));
            }
        }
    }

    /** What is wrong with a template's placeholder that nothing fills. */
    public static String unprovided(String placeholder) {
        return "uses {" + placeholder + "}, which no param, field or token_response value provides";
    }

    private static void unique(Violations v, String path, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                v.add(path, "'" + name + "' appears twice");
            }
        }
    }
}
