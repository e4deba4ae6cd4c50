package dev.latchkey.application.service;

import dev.latchkey.domain.connector.ConnectorSettings;

import dev.latchkey.application.port.in.ConnectorView;
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
 * without stops the start, a private one without is refused. One instance is shared by the
 * connector use cases, so a change made through one of them is seen at once by the others.
 */
public final class ConnectorDirectory {
    /** How many connector views and parsed private definitions are kept; when full, all are forgotten and read again. */
    private static final int REMEMBERED = 10_000;

    private final ConnectorCatalogPort catalog;
    private final PrivateConnectorStorePort privates;
    private final ConnectorSettingsStorePort settings;
    private final AuthSchemes schemes;
    private final ConnectorDefinitionReader reader;
    private final Optional<ExpiringCache<String, ConnectorView>> views;
    /** Parsed private definitions by their source: reading one is pure, so a source parses once. */
    private final Map<Map<String, Object>, Optional<ConnectorDefinition>> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    /** Without remembering: every {@code get} reads the store (tests, tools). */
    public ConnectorDirectory(ConnectorCatalogPort catalog, PrivateConnectorStorePort privates,
                              ConnectorSettingsStorePort settings, List<AuthSchemePort> schemes, boolean allowPrivateNetwork) {
        this(catalog, privates, settings, schemes, allowPrivateNetwork, Optional.empty());
    }

    /**
     * Remembering each connector's view for {@code rememberFor}: the proxy's path then reads no
     * definition or settings. Changes made through this directory apply at once here; another
     * instance sees them within {@code rememberFor}.
     */
    public ConnectorDirectory(ConnectorCatalogPort catalog, PrivateConnectorStorePort privates,
                              ConnectorSettingsStorePort settings, List<AuthSchemePort> schemes, boolean allowPrivateNetwork,
                              java.time.Clock clock, java.time.Duration rememberFor) {
        this(catalog, privates, settings, schemes, allowPrivateNetwork, Optional.of(new ExpiringCache<>(rememberFor, REMEMBERED, clock)));
    }

    private ConnectorDirectory(ConnectorCatalogPort catalog, PrivateConnectorStorePort privates,
                               ConnectorSettingsStorePort settings, List<AuthSchemePort> schemes, boolean allowPrivateNetwork,
                               Optional<ExpiringCache<String, ConnectorView>> views) {
        this.views = views;
        this.catalog = catalog;
        this.privates = privates;
        this.settings = settings;
        this.schemes = new AuthSchemes(schemes);
        this.reader = new ConnectorDefinitionReader(allowPrivateNetwork);
        for (ConnectorDefinition definition : catalog.all()) {
            Violations v = new Violations();
            this.schemes.check(definition, v);
            if (!v.isEmpty()) {
                throw new IllegalStateException("Connector '" + definition.slug() + "' does not fit its auth schemes: " + v.all().stream()
                        .map(f -> f.field() + " " + f.message()).collect(java.util.stream.Collectors.joining("; ")));
            }
        }
    }

    /** Every connector of the workspace, sorted by slug; a private one takes the place of a catalog one of its slug. */
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

    /** One connector: the workspace's private one, else the catalog's; remembered when the directory remembers. */
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

    /** Drops the remembered view of a connector whose definition or settings just changed here. */
    void forget(WorkspaceId workspaceId, ConnectorSlug slug) {
        views.ifPresent(cache -> cache.remove(workspaceId + "/" + slug));
    }

    private ConnectorView read(WorkspaceId workspaceId, ConnectorSlug slug) {
        Optional<ConnectorDefinition> own = privates.find(workspaceId, slug).flatMap(this::readStored);
        ConnectorDefinition definition = own.or(() -> catalog.find(slug)).orElseThrow(() -> ConnectorErrors.connectorNotFound(slug));
        return view(definition, own.isEmpty() && catalog.builtIn(slug), settings.find(workspaceId, slug).orElse(ConnectorSettings.DEFAULT));
    }

    /** Refuses a new private connector whose slug the catalog already has. */
    void requireFreeSlug(ConnectorSlug slug) {
        if (catalog.find(slug).isPresent()) {
            throw new ConflictException("connector_slug_reserved", "'" + slug
                    + "' is " + catalogKind(slug) + "; give your private connector another slug.");
        }
    }

    /** Refuses a change to a connector that is not this workspace's own. */
    void requirePrivate(WorkspaceId workspaceId, ConnectorSlug slug) {
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

    /** A new private definition, refused when it names an auth type no scheme implements. */
    ConnectorDefinition readNew(Map<String, Object> source) {
        ConnectorDefinition definition = reader.read(source);
        Violations v = new Violations();
        if (source.containsKey("actions")) {
            // Read from connector files only, by ConnectorActionsPort: refused rather than stored and never offered.
            v.add("actions", "are read from connector files only (LATCHKEY_CONNECTORS_DIR), not from a private connector yet");
        }
        schemes.check(definition, v);
        v.throwIfAny();
        return definition;
    }

    /**
     * A stored private connector that no longer reads (a stricter Latchkey, a scheme no longer there or stricter about its
     * keys) is left out rather than breaking the listing.
     */
    private Optional<ConnectorDefinition> readStored(Map<String, Object> source) {
        if (parsed.size() > REMEMBERED) {
            parsed.clear();
        }
        return parsed.computeIfAbsent(source, s -> {
            try {
                ConnectorDefinition definition = reader.read(s);
                Violations v = new Violations();
                schemes.check(definition, v);
                return v.isEmpty() ? Optional.of(definition) : Optional.empty();
            } catch (InvalidInputException e) {
                return Optional.empty();
            }
        });
    }

    private ConnectorView view(ConnectorDefinition definition, boolean builtIn, Map<ConnectorSlug, ConnectorSettings> chosen) {
        return view(definition, builtIn, chosen.getOrDefault(definition.slug(), ConnectorSettings.DEFAULT));
    }

    /** The definition with what each of its auth entries does, as the entry's scheme declares it. */
    ConnectorView view(ConnectorDefinition definition, boolean builtIn, ConnectorSettings chosen) {
        return new ConnectorView(definition, builtIn, chosen,
                definition.auth().stream().map(method -> schemes.get(method.type()).capabilities(method)).toList());
    }
}
