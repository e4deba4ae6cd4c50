package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.ConnectorCatalogPort;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorSlug;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The built-in catalog as a fixed list of definitions, handed out in slug order like the real one. */
public final class FixedConnectorCatalog implements ConnectorCatalogPort {
    private final List<ConnectorDefinition> definitions;

    public FixedConnectorCatalog(List<ConnectorDefinition> definitions) {
        this.definitions = definitions.stream().sorted(Comparator.comparing(d -> d.slug().value())).toList();
    }

    public static FixedConnectorCatalog of(ConnectorDefinition... definitions) {
        return new FixedConnectorCatalog(List.of(definitions));
    }

    @Override
    public List<ConnectorDefinition> all() {
        return definitions;
    }

    @Override
    public Optional<ConnectorDefinition> find(ConnectorSlug slug) {
        return definitions.stream().filter(d -> d.slug().equals(slug)).findFirst();
    }
}
