package dev.latchkey.bootstrap;

import dev.latchkey.adapters.persistence.embedded.EmbeddedPostgres;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The embedded PostgreSQL starts on a thread of its own while the application context starts
 * ({@link RuntimeSettings#prepare}); the data source's settings are the last step before its pool
 * connects, so the context waits here, and only here, until the server accepts connections. With an
 * external database (or in tests, which bring their own) there is nothing to wait for.
 */
@Singleton
final class EmbeddedDatabaseReady implements BeanCreatedEventListener<DatasourceConfiguration> {
    private final Optional<EmbeddedPostgres> embedded;

    EmbeddedDatabaseReady(Optional<EmbeddedPostgres> embedded) {
        this.embedded = embedded;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        embedded.ifPresent(EmbeddedPostgres::awaitReady);
        return event.getBean();
    }
}
