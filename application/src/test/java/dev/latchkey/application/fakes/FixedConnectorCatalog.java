package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.ConnectorCatalogPort;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorSlug;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The catalog as a fixed list of definitions, handed out in slug order like the real one; built in unless added as the operator's. */
public final class FixedConnectorCatalog implements ConnectorCatalogPort {
    private final List<ConnectorDefinition> definitions;
    private final java.util.Set<ConnectorSlug> operators;

    public FixedConnectorCatalog(List<ConnectorDefinition> definitions) {
        this(definitions, List.of());
    }

    /** @param operators connectors the operator added (LATCHKEY_CONNECTORS_DIR): in the catalog, not built in */
    public FixedConnectorCatalog(List<ConnectorDefinition> definitions, List<ConnectorDefinition> operators) {
        this.definitions = java.util.stream.Stream.concat(definitions.stream(), operators.stream())
                .sorted(Comparator.comparing(d -> d.slug().value())).toList();
        this.operators = operators.stream().map(ConnectorDefinition::slug).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public static FixedConnectorCatalog of(ConnectorDefinition... definitions) {
        return new FixedConnectorCatalog(List.of(definitions));
    }

    @Override
    public List<ConnectorDefinition> all() {
        return definitions;
    }

    @Override
    public boolean builtIn(ConnectorSlug slug) {
        return find(slug).isPresent() && !operators.contains(slug);
    }

    @Override
    public Optional<ConnectorDefinition> find(ConnectorSlug slug) {
        return definitions.stream().filter(d -> d.slug().equals(slug)).findFirst();
    }
}
