package dev.latchkey.bootstrap;

import dev.latchkey.application.port.out.ConnectorCatalogPort;
import dev.latchkey.application.port.out.ConnectorUsagePort;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorSlug;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * On every start: one WARN line per connector that stored connections use but that is no longer
 * installed (its file was removed from LATCHKEY_CONNECTORS_DIR, or this version no longer ships it).
 * Those connections are kept; the proxy answers {@code connector_removed} for them until the file is back.
 */
@Singleton
public class MissingConnectors implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(MissingConnectors.class);

    private final ConnectorCatalogPort catalog;
    private final ConnectorUsagePort usage;

    public MissingConnectors(ConnectorCatalogPort catalog, ConnectorUsagePort usage) {
        this.catalog = catalog;
        this.usage = usage;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            warn();
        } catch (RuntimeException e) {
            // A check, not a precondition: a database that is not reachable yet must not stop the start here.
            LOG.warn("Could not check for connections whose connector was removed: {}", e.getMessage());
        }
    }

    /** The connectors warned about, with their connection counts. */
    Map<ConnectorSlug, Long> warn() {
        Set<ConnectorSlug> installed = catalog.all().stream().map(ConnectorDefinition::slug).collect(Collectors.toSet());
        Map<ConnectorSlug, Long> missing = usage.connectionsWithoutConnector(installed);
        missing.forEach((slug, connections) -> LOG.warn(
                "{} {} the connector '{}', which is not installed (its file was removed from LATCHKEY_CONNECTORS_DIR, or this "
                        + "version no longer ships it); the proxy answers connector_removed for them. Restore {}.yaml and restart, "
                        + "or delete those connections.",
                connections, connections == 1 ? "connection uses" : "connections use", slug, slug));
        return missing;
    }
}
