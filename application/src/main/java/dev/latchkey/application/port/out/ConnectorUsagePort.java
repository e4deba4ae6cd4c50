package dev.latchkey.application.port.out;

import dev.latchkey.domain.connector.ConnectorSlug;

import java.util.Map;
import java.util.Set;

/** Which connectors the stored connections use, across every workspace (start-up checks, not requests). */
public interface ConnectorUsagePort {
    /**
     * Per connector slug, how many connections use a connector that is neither in {@code catalog} nor a
     * private connector of the connection's workspace: connections whose definition is gone.
     */
    Map<ConnectorSlug, Long> connectionsWithoutConnector(Set<ConnectorSlug> catalog);
}
