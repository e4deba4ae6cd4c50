package dev.latchkey.application.service;

import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;

final class ConnectorErrors {
    private ConnectorErrors() {
    }

    static NotFoundException connectorNotFound(ConnectorSlug slug) {
        return new NotFoundException("connector_not_found", "No connector '" + slug + "' is available in this workspace.");
    }

    static NotFoundException connectionNotFound(ConnectionId id) {
        return new NotFoundException("connection_not_found", "No connection '" + id + "' exists for this linked account.");
    }
}
