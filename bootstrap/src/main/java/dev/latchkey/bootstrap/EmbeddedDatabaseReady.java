package dev.latchkey.bootstrap;

import dev.latchkey.adapters.persistence.embedded.EmbeddedPostgres;
import dev.latchkey.application.port.out.ConnectorCatalogPort;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The embedded PostgreSQL starts on a thread of its own while the application context starts
 * ({@link RuntimeSettings#prepare}); the data source's settings are the last step before its pool
 * connects, so the context waits here, and only here, until the server accepts connections. With an
 * external database (or in tests, which bring their own) there is nothing to wait for.
 *
 * <p>Before it waits, the context makes the connector catalog, which needs no database (reading and
 * checking 150-odd files takes about as long as the server's start): the wait overlaps that work
 * instead of preceding it. A bad connector file stops the start here, as it would a moment later.
 */
@Singleton
final class EmbeddedDatabaseReady implements BeanCreatedEventListener<DatasourceConfiguration> {
    private final Optional<EmbeddedPostgres> embedded;
    private final BeanProvider<ConnectorCatalogPort> catalog;

    EmbeddedDatabaseReady(Optional<EmbeddedPostgres> embedded, BeanProvider<ConnectorCatalogPort> catalog) {
        this.embedded = embedded;
        this.catalog = catalog;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        embedded.ifPresent(postgres -> {
            catalog.get();
            postgres.awaitReady();
        });
        return event.getBean();
    }
}
