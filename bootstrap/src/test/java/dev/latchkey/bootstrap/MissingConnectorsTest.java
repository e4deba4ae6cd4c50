package dev.latchkey.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.latchkey.application.port.out.ConnectorCatalogPort;
import dev.latchkey.application.port.out.ConnectorUsagePort;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorSlug;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class MissingConnectorsTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(MissingConnectors.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    /** An empty catalog: what matters is the set of slugs handed to the usage query. */
    private static final ConnectorCatalogPort EMPTY_CATALOG = new ConnectorCatalogPort() {
        @Override
        public List<ConnectorDefinition> all() {
            return List.of();
        }

        @Override
        public Optional<ConnectorDefinition> find(ConnectorSlug slug) {
            return Optional.empty();
        }

        @Override
        public boolean builtIn(ConnectorSlug slug) {
            return false;
        }
    };

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void one_warning_per_removed_connector_names_it_and_counts_its_connections() {
        AtomicReference<Set<ConnectorSlug>> asked = new AtomicReference<>();
        Map<ConnectorSlug, Long> gone = new TreeMap<>(java.util.Comparator.comparing(ConnectorSlug::value));
        gone.put(new ConnectorSlug("acme-crm"), 3L);
        gone.put(new ConnectorSlug("old-tickets"), 1L);
        ConnectorUsagePort usage = catalog -> {
            asked.set(catalog);
            return gone;
        };

        new MissingConnectors(EMPTY_CATALOG, usage).onApplicationEvent(null);

        assertThat(asked.get()).isEmpty();
        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.WARN);
        assertThat(lines.list.get(0).getFormattedMessage())
                .startsWith("3 connections use the connector 'acme-crm', which is not installed")
                .contains("LATCHKEY_CONNECTORS_DIR").contains("Restore acme-crm.yaml");
        assertThat(lines.list.get(1).getFormattedMessage()).startsWith("1 connection uses the connector 'old-tickets'");
    }

    @Test
    void nothing_is_logged_when_every_connection_has_its_connector() {
        new MissingConnectors(EMPTY_CATALOG, catalog -> Map.of()).onApplicationEvent(null);

        assertThat(lines.list).isEmpty();
    }
}
