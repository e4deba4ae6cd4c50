package dev.latchkey.application.port.out;

import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorSlug;

import java.util.List;
import java.util.Optional;

/** The connectors of every workspace: the files shipped with Latchkey and those in LATCHKEY_CONNECTORS_DIR. */
public interface ConnectorCatalogPort {
    /** Every connector of the catalog, in slug order. */
    List<ConnectorDefinition> all();

    Optional<ConnectorDefinition> find(ConnectorSlug slug);

    /** Whether the connector ships with Latchkey; false for the operator's files (LATCHKEY_CONNECTORS_DIR) and unknown slugs. */
    boolean builtIn(ConnectorSlug slug);
}
