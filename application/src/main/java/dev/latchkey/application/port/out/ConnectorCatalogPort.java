package dev.latchkey.application.port.out;

import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorSlug;

import java.util.List;
import java.util.Optional;

/** The built-in connectors: the files shipped with Latchkey and those in LATCHKEY_CONNECTORS_DIR. */
public interface ConnectorCatalogPort {
    /** Every built-in connector, in slug order. */
    List<ConnectorDefinition> all();

    Optional<ConnectorDefinition> find(ConnectorSlug slug);
}
