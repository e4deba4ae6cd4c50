package dev.latchkey.client;

import com.fasterxml.jackson.databind.JavaType;

import java.util.Map;

import static dev.latchkey.client.Transport.segment;

/** {@code /v1/connectors}: the catalog, your OAuth apps (white-label), scopes, and your private connectors. */
public final class Connectors {
    private static final JavaType CONNECTOR = Transport.type(Connector.class);
    private static final JavaType PAGE = Transport.pageOf(Connector.class);

    private final Transport transport;

    Connectors(Transport transport) {
        this.transport = transport;
    }

    /** Built-in and private connectors with your settings. */
    public Paged<Connector> list() {
        return new Paged<>(cursor -> transport.get("/v1/connectors" + Transport.query("cursor", cursor), PAGE));
    }

    /** {@code 404 connector_not_found} for an unknown slug. */
    public Connector get(String slug) {
        return transport.get(path(slug), CONNECTOR);
    }

    /** Enable or disable it, set your OAuth app and scopes; fields left out stay as they are. */
    public Connector configure(String slug, ConnectorSettings settings) {
        return transport.call("PUT", path(slug) + "/settings", settings.body(), Transport.Repeat.IDEMPOTENT, CONNECTOR);
    }

    /**
     * Defines a private connector: a full definition, the same shape as a connector file
     * ({@code adapters-connectors/CONNECTORS.md}), as a JSON object. Built-in slugs are refused.
     */
    public Connector define(Map<String, ?> definition) {
        return transport.call("POST", "/v1/connectors", definition, Transport.Repeat.CREATE, CONNECTOR);
    }

    /** Replaces a private connector's definition. */
    public Connector replace(String slug, Map<String, ?> definition) {
        return transport.call("PUT", path(slug), definition, Transport.Repeat.IDEMPOTENT, CONNECTOR);
    }

    /** Deletes a private connector. */
    public void delete(String slug) {
        transport.call("DELETE", path(slug), null, Transport.Repeat.IDEMPOTENT, null);
    }

    private static String path(String slug) {
        return "/v1/connectors/" + segment(slug);
    }
}
