package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConfigQuery;
import dev.latchkey.application.port.in.GetConfigFieldsUseCase;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.ListConfigOptionsQuery;
import dev.latchkey.application.port.in.ListConfigOptionsUseCase;
import dev.latchkey.application.port.in.PrepareProxyRequestCommand;
import dev.latchkey.application.port.in.PrepareProxyRequestUseCase;
import dev.latchkey.application.port.in.ProxyTarget;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.ProviderHttpPort;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.config.ConfigField;
import dev.latchkey.domain.config.ConfigOption;
import dev.latchkey.domain.config.FieldKind;
import dev.latchkey.domain.config.OptionsSource;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.JsonPointer;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The options of a select, multi-select or mapping field. Static ones are filtered by the search.
 * Dynamic ones are asked of the provider with the customer's connection, prepared exactly as the
 * proxy prepares a request (fresh token, signature, the connector's API headers, destination
 * checks), confined to the connector's API base URL; a 401 is retried once with a forced refresh.
 */
public final class ListConfigOptionsService implements ListConfigOptionsUseCase {
    static final int MAX_OPTIONS = 1000;

    private final LinkedAccountStorePort accounts;
    private final ConnectionStorePort connections;
    private final GetConfigFieldsUseCase definitions;
    private final GetConnectorUseCase connectors;
    private final PrepareProxyRequestUseCase prepare;
    private final ProviderHttpPort http;

    public ListConfigOptionsService(LinkedAccountStorePort accounts, ConnectionStorePort connections, GetConfigFieldsUseCase definitions,
                                    GetConnectorUseCase connectors, PrepareProxyRequestUseCase prepare, ProviderHttpPort http) {
        this.accounts = accounts;
        this.connections = connections;
        this.definitions = definitions;
        this.connectors = connectors;
        this.prepare = prepare;
        this.http = http;
    }

    @Override
    public Page<ConfigOption> options(ListConfigOptionsQuery query) {
        ConfigQuery config = query.config();
        // first, as every config read: an unknown account (or another workspace's) is a 404, also for static options
        LinkedAccount account = accounts.find(config.workspaceId(), config.accountId())
                .orElseThrow(() -> LinkedAccountErrors.notFound(config.accountId()));
        ConfigField field = definitions.get(config.workspaceId(), config.connector()).fields().field(query.fieldKey())
                .orElseThrow(() -> new NotFoundException("config_field_not_found", "The app " + config.connector()
                        + " has no config field '" + query.fieldKey() + "'."));
        List<ConfigOption> options;
        Optional<OptionsSource> source;
        switch (field.kind()) {
            case FieldKind.Select s -> {
                options = s.options();
                source = s.optionsFrom();
            }
            case FieldKind.Mapping m -> {
                options = m.options();
                source = m.optionsFrom();
            }
            default -> throw InvalidInputException.of("key", "'" + field.key() + "' is a " + field.kind().type()
                    + " field; only select, multi_select and mapping fields have options");
        }
        if (source.isEmpty()) {
            return new Page<>(filter(options, query.search()), Optional.empty());
        }
        return fetch(query, source.get(), query.connectionId().or(() -> defaultConnection(account, config)));
    }

    /**
     * Without a connection id, an account with several connections to the app (two Slack workspaces) still gets
     * options, not a 409 connection_ambiguous: from its most recently created active connection (creation, not
     * update: a token refresh must not switch the list to another account's). None active: the most recently
     * created one, which answers connection_expired. One or none: empty, the proxy's own choice.
     */
    private Optional<ConnectionId> defaultConnection(LinkedAccount account, ConfigQuery config) {
        List<Connection> candidates = connections.listByAccount(config.workspaceId(), account.key(), config.connector());
        if (candidates.size() < 2) {
            return Optional.empty();
        }
        Comparator<Connection> newest = Comparator.comparing(Connection::createdAt).thenComparing(c -> c.id().toString());
        return candidates.stream().filter(c -> c.status() == ConnectionStatus.ACTIVE).max(newest)
                .or(() -> candidates.stream().max(newest)).map(Connection::id);
    }

    private Page<ConfigOption> fetch(ListConfigOptionsQuery query, OptionsSource source, Optional<ConnectionId> connection) {
        ConfigQuery config = query.config();
        String name = connectors.get(config.workspaceId(), config.connector()).definition().name();
        ProxyTarget target = target(config, connection, Optional.empty());
        ProviderHttpPort.ProviderResponse response = http.send(request(target, source, query));
        if (response.status() == 401) {
            target = target(config, connection, Optional.of(target));
            response = http.send(request(target, source, query));
        }
        String what = name + " (GET " + source.pathOnly() + ")";
        if (response.status() / 100 != 2) {
            throw ProviderException.unavailable(what + " answered HTTP " + response.status() + excerpt(response.body())
                    + "; the options cannot be listed.");
        }
        Object json = response.json().orElseThrow(() -> ProviderException.unavailable(what + " did not answer JSON; the options cannot be listed."));
        Object items = JsonPointer.find(json, source.items()).orElse(null);
        if (!(items instanceof List<?> list)) {
            throw ProviderException.unavailable(what + " answered without a list at " + (source.items().isEmpty() ? "the top" : source.items())
                    + excerpt(response.body()) + "; check the field's options_from.items, or the connection's permissions.");
        }
        List<ConfigOption> options = new ArrayList<>();
        for (Object item : list) {
            if (options.size() >= MAX_OPTIONS) {
                break;
            }
            Optional<String> value = JsonPointer.text(item, source.value()).filter(v -> !v.isBlank() && v.length() <= 500);
            if (value.isPresent()) {
                String label = JsonPointer.text(item, source.label()).filter(l -> !l.isBlank()).map(l -> l.length() > 500 ? l.substring(0, 500) : l)
                        .orElse(value.get());
                options.add(new ConfigOption(label, value.get()));
            }
        }
        if (source.searchParam().isEmpty()) {
            options = filter(options, query.search());
        }
        Optional<String> next = source.next().flatMap(p -> JsonPointer.text(json, p)).filter(c -> !c.isBlank())
                .filter(c -> c.length() <= ListConfigOptionsQuery.MAX_CURSOR_LENGTH);
        return new Page<>(options, next);
    }

    /** @param rejected the target the provider answered 401 to, when this is the retry */
    private ProxyTarget target(ConfigQuery config, Optional<ConnectionId> connection, Optional<ProxyTarget> rejected) {
        try {
            return prepare.prepare(new PrepareProxyRequestCommand(config.workspaceId(), config.accountId(), config.connector(),
                    connection, rejected));
        } catch (NotFoundException e) {
            if (e.code().equals("connection_not_found") && connection.isEmpty()) { // a named connection not found stays a 404
                throw new ConflictException("not_connected", "Linked account '" + config.accountId() + "' has no connection to "
                        + config.connector() + "; connect it first to load these options.");
            }
            throw e;
        }
    }

    private static ProviderHttpPort.ProviderRequest request(ProxyTarget target, OptionsSource source, ListConfigOptionsQuery query) {
        List<String> params = new ArrayList<>();
        source.fixedQuery().ifPresent(params::add);
        query.cursor().ifPresent(c -> source.cursorParam().ifPresent(p -> params.add(encode(p) + "=" + encode(c))));
        query.search().filter(s -> !s.isBlank()).ifPresent(s -> source.searchParam().ifPresent(p -> params.add(encode(p) + "=" + encode(s))));
        URI base = target.baseUrl();
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        URI uri = URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + source.pathOnly()
                + (params.isEmpty() ? "" : "?" + String.join("&", params)));
        // The path was checked when defined (no dot segments, no encoded slashes); this is the belt to those braces.
        if (!uri.getRawAuthority().equals(base.getRawAuthority()) || !uri.normalize().getRawPath().startsWith(basePath)) {
            throw InvalidInputException.of("options_from.path", "must stay under the connector's API base URL");
        }
        Map<String, String> headers = new HashMap<>(target.headers());
        headers.put("Accept", "application/json");
        ProxyTarget.Authentication authentication = target.authenticate(OptionsSource.GET, uri, headers,
                target.signsBody() ? Optional.of(new byte[0]) : Optional.empty());
        headers.putAll(authentication.headers());
        List<String> signed = new ArrayList<>(params);
        target.queryParameters().forEach((k, v) -> signed.add(encode(k) + "=" + encode(v)));
        authentication.queryParameters().forEach((k, v) -> signed.add(encode(k) + "=" + encode(v)));
        if (signed.size() > params.size()) {
            uri = URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + source.pathOnly() + "?" + String.join("&", signed));
        }
        return new ProviderHttpPort.ProviderRequest(OptionsSource.GET, uri, headers, Optional.empty());
    }

    private static List<ConfigOption> filter(List<ConfigOption> options, Optional<String> search) {
        if (search.isEmpty() || search.get().isBlank()) {
            return options;
        }
        String needle = search.get().strip().toLowerCase(Locale.ROOT);
        return options.stream().filter(o -> o.label().toLowerCase(Locale.ROOT).contains(needle)
                || o.value().toLowerCase(Locale.ROOT).contains(needle)).toList();
    }

    private static String excerpt(String body) {
        String trimmed = body == null ? "" : body.strip();
        return trimmed.isEmpty() ? "" : ": " + (trimmed.length() > 300 ? trimmed.substring(0, 300) + "…" : trimmed);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
