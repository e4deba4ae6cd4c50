package dev.latchkey.application.service;

import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;

final class ConnectorErrors {
    private ConnectorErrors() {
    }

    static NotFoundException connectorNotFound(ConnectorSlug slug) {
        return new NotFoundException("connector_not_found", "No connector '" + slug + "' is available in this workspace.");
    }

    /** A connection whose connector is no longer installed: the operator removed its file, or this version no longer ships it. */
    static ConflictException connectorRemoved(Connection connection) {
        String slug = connection.connector().value();
        return new ConflictException("connector_removed", "This connection uses the connector '" + slug
                + "', which this Latchkey no longer has (its definition file was removed). The operator must restore "
                + slug + ".yaml in LATCHKEY_CONNECTORS_DIR (or run a Latchkey version that ships it) and restart; the connection is kept.");
    }

    static NotFoundException connectionNotFound(ConnectionId id) {
        return new NotFoundException("connection_not_found", "No connection '" + id + "' exists for this linked account.");
    }
}
