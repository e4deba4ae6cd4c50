package dev.latchkey.application.service;

import dev.latchkey.domain.connector.OAuthClient;
import dev.latchkey.domain.connector.ConnectorSettings;

import dev.latchkey.application.port.in.ConfigureConnectorCommand;
import dev.latchkey.application.port.in.ConfigureConnectorUseCase;
import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.in.DefinePrivateConnectorUseCase;
import dev.latchkey.application.port.in.DeletePrivateConnectorUseCase;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.ListConnectorsUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectorCatalogPort;
import dev.latchkey.application.port.out.ConnectorSettingsStorePort;
import dev.latchkey.application.port.out.PrivateConnectorStorePort;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorDefinitionReader;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The connectors a workspace sees: the built-in catalog plus its private connectors, each with the
 * workspace's settings. Every auth type used by a connector must have a scheme: a built-in one
 * without stops the start, a private one without is refused.
 */
public final class ConnectorDirectoryService implements ListConnectorsUseCase, GetConnectorUseCase, ConfigureConnectorUseCase,
        DefinePrivateConnectorUseCase, DeletePrivateConnectorUseCase {
    private static final int MAX_SCOPES = 100;

    private final ConnectorCatalogPort catalog;
    private final PrivateConnectorStorePort privates;
    private final ConnectorSettingsStorePort settings;
    private final AuthSchemes schemes;
    private final ConnectorDefinitionReader reader;
    private final Optional<ExpiringCache<String, ConnectorView>> views;
    /** Parsed private definitions by their source: reading one is pure, so a source parses once. */
    private final Map<Map<String, Object>, Optional<ConnectorDefinition>> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    /** Without remembering: every {@code get} reads the store (tests, tools). */
    public ConnectorDirectoryService(ConnectorCatalogPort catalog, PrivateConnectorStorePort privates,
                                     ConnectorSettingsStorePort settings, List<AuthSchemePort> schemes, boolean allowPrivateNetwork) {
        this(catalog, privates, settings, schemes, allowPrivateNetwork, Optional.empty());
    }

    /**
     * Remembering each connector's view for {@code rememberFor}: the proxy's path then reads no
     * definition or settings. Changes made through this service apply at once here; another
     * instance sees them within {@code rememberFor}.
     */
    public ConnectorDirectoryService(ConnectorCatalogPort catalog, PrivateConnectorStorePort privates,
                                     ConnectorSettingsStorePort settings, List<AuthSchemePort> schemes, boolean allowPrivateNetwork,
                                     java.time.Clock clock, java.time.Duration rememberFor) {
        this(catalog, privates, settings, schemes, allowPrivateNetwork, Optional.of(new ExpiringCache<>(rememberFor, 10_000, clock)));
    }

    private ConnectorDirectoryService(ConnectorCatalogPort catalog, PrivateConnectorStorePort privates,
                                      ConnectorSettingsStorePort settings, List<AuthSchemePort> schemes, boolean allowPrivateNetwork,
                                      Optional<ExpiringCache<String, ConnectorView>> views) {
        this.views = views;
        this.catalog = catalog;
        this.privates = privates;
        this.settings = settings;
        this.schemes = new AuthSchemes(schemes);
        this.reader = new ConnectorDefinitionReader(allowPrivateNetwork);
        for (ConnectorDefinition definition : catalog.all()) {
            for (AuthMethod method : definition.auth()) {
                if (this.schemes.find(method.type()).isEmpty()) {
                    throw new IllegalStateException("Connector '" + definition.slug() + "' uses the auth type '" + method.type()
                            + "', which no auth scheme implements");
                }
            }
        }
    }

    @Override
    public List<ConnectorView> list(WorkspaceId workspaceId) {
        Map<ConnectorSlug, ConnectorSettings> chosen = settings.all(workspaceId);
        Map<String, ConnectorView> views = new TreeMap<>();
        for (ConnectorDefinition definition : catalog.all()) {
            views.put(definition.slug().value(), view(definition, catalog.builtIn(definition.slug()), chosen));
        }
        for (Map<String, Object> source : privates.all(workspaceId)) {
            readStored(source).ifPresent(definition -> views.put(definition.slug().value(), view(definition, false, chosen)));
        }
        return new ArrayList<>(views.values());
    }

    @Override
    public ConnectorView get(WorkspaceId workspaceId, ConnectorSlug slug) {
        if (views.isEmpty()) {
            return read(workspaceId, slug);
        }
        String key = workspaceId + "/" + slug;
        Optional<ConnectorView> remembered = views.get().peek(key);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        ConnectorView view = read(workspaceId, slug);
        views.get().put(key, view);
        return view;
    }

    private void forget(WorkspaceId workspaceId, ConnectorSlug slug) {
        views.ifPresent(cache -> cache.remove(workspaceId + "/" + slug));
    }

    private ConnectorView read(WorkspaceId workspaceId, ConnectorSlug slug) {
        Optional<ConnectorDefinition> own = privates.find(workspaceId, slug).flatMap(this::readStored);
        ConnectorDefinition definition = own.or(() -> catalog.find(slug)).orElseThrow(() -> ConnectorErrors.connectorNotFound(slug));
        return new ConnectorView(definition, own.isEmpty() && catalog.builtIn(slug),
                settings.find(workspaceId, slug).orElse(ConnectorSettings.DEFAULT));
    }

    @Override
    public ConnectorView configure(ConfigureConnectorCommand command) {
        ConnectorView current = get(command.workspaceId(), command.slug());
        ConnectorSettings was = current.settings();
        Violations v = new Violations();
        command.scopes().ifPresent(scopes -> {
            if (scopes.size() > MAX_SCOPES) {
                v.add("scopes", "at most " + MAX_SCOPES + " scopes");
            }
            for (int i = 0; i < scopes.size(); i++) {
                if (scopes.get(i) == null || scopes.get(i).isBlank() || scopes.get(i).length() > 200) {
                    v.add("scopes[" + i + "]", "must be a non-empty scope name of at most 200 characters");
                }
            }
        });
        Optional<String> clientId = command.clientId().or(() -> was.client().map(OAuthClient::clientId));
        Optional<String> clientSecret = command.clientSecret().or(() -> was.client()
                .filter(c -> command.clientId().isEmpty() || command.clientId().get().equals(c.clientId()))
                .map(OAuthClient::clientSecret));
        if (clientId.isPresent() != clientSecret.isPresent()) {
            v.add(clientId.isPresent() ? "client_secret" : "client_id",
                    "is required with " + (clientId.isPresent() ? "client_id" : "client_secret") + ": give both of your OAuth app");
        }
        v.throwIfAny();
        ConnectorSettings now = new ConnectorSettings(
                command.enabled().orElse(was.enabled()),
                clientId.flatMap(id -> clientSecret.map(secret -> new OAuthClient(id, secret))),
                command.scopes().orElse(was.scopes()));
        settings.save(command.workspaceId(), command.slug(), now);
        forget(command.workspaceId(), command.slug());
        return new ConnectorView(current.definition(), current.builtIn(), now);
    }

    @Override
    public ConnectorView create(WorkspaceId workspaceId, Map<String, Object> source) {
        ConnectorDefinition definition = readNew(source);
        if (catalog.find(definition.slug()).isPresent()) {
            throw new ConflictException("connector_slug_reserved", "'" + definition.slug()
                    + "' is " + catalogKind(definition.slug()) + "; give your private connector another slug.");
        }
        if (!privates.insert(workspaceId, definition.slug(), source)) {
            throw new ConflictException("connector_exists", "This workspace already has a connector '" + definition.slug()
                    + "'; replace it with PUT /v1/connectors/" + definition.slug() + ".");
        }
        forget(workspaceId, definition.slug());
        return get(workspaceId, definition.slug());
    }

    @Override
    public ConnectorView replace(WorkspaceId workspaceId, ConnectorSlug slug, Map<String, Object> source) {
        ConnectorDefinition definition = readNew(source);
        if (!definition.slug().equals(slug)) {
            throw InvalidInputException.of("slug", "must equal the slug in the path ('" + slug + "')");
        }
        requirePrivate(workspaceId, slug);
        privates.replace(workspaceId, slug, source);
        forget(workspaceId, slug);
        return get(workspaceId, slug);
    }

    @Override
    public void delete(WorkspaceId workspaceId, ConnectorSlug slug) {
        requirePrivate(workspaceId, slug);
        privates.delete(workspaceId, slug);
        settings.delete(workspaceId, slug);
        forget(workspaceId, slug);
    }

    private void requirePrivate(WorkspaceId workspaceId, ConnectorSlug slug) {
        if (privates.find(workspaceId, slug).isPresent()) {
            return;
        }
        if (catalog.find(slug).isPresent()) {
            throw new ConflictException("connector_built_in", "'" + slug + "' is " + catalogKind(slug)
                    + "; only private connectors can be changed.");
        }
        throw ConnectorErrors.connectorNotFound(slug);
    }

    private String catalogKind(ConnectorSlug slug) {
        return catalog.builtIn(slug) ? "a built-in connector" : "a connector the operator installed (LATCHKEY_CONNECTORS_DIR)";
    }

    private ConnectorDefinition readNew(Map<String, Object> source) {
        ConnectorDefinition definition = reader.read(source);
        Violations v = new Violations();
        for (int i = 0; i < definition.auth().size(); i++) {
            String type = definition.auth().get(i).type();
            if (schemes.find(type).isEmpty()) {
                v.add("auth[" + i + "].type", "'" + type + "' is not an auth scheme of this Latchkey");
            }
        }
        v.throwIfAny();
        return definition;
    }

    /** A stored private connector that no longer reads (a stricter Latchkey) is left out rather than breaking the listing. */
    private Optional<ConnectorDefinition> readStored(Map<String, Object> source) {
        if (parsed.size() > 10_000) {
            parsed.clear();
        }
        return parsed.computeIfAbsent(source, s -> {
            try {
                return Optional.of(reader.read(s));
            } catch (InvalidInputException e) {
                return Optional.empty();
            }
        });
    }

    private static ConnectorView view(ConnectorDefinition definition, boolean builtIn,
                                      Map<ConnectorSlug, ConnectorSettings> chosen) {
        return new ConnectorView(definition, builtIn, chosen.getOrDefault(definition.slug(), ConnectorSettings.DEFAULT));
    }
}
