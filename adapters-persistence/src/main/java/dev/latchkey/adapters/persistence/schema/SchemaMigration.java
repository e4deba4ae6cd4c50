package dev.latchkey.adapters.persistence.schema;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Brings the database's schema to this build's as soon as the data source is made, before anything
 * uses it: Flyway applies what {@code db/migration} holds and the schema history lacks (several
 * instances starting at once take turns, under Flyway's lock).
 *
 * <p>A restart of the same build finds its newest migration ({@link #NEWEST}) applied already and
 * skips Flyway altogether: one query instead of Flyway's setup, its scan of the jar for migrations and
 * its validation — a quarter of a second of a start on a small machine (bench/RESULTS.md). What is
 * given up is Flyway's check, at such a restart, that applied migrations were not edited since; every
 * start of a build with a new migration still runs it.
 */
@Singleton
final class SchemaMigration implements BeanCreatedEventListener<DataSource> {
    /** The version of the newest file in {@code db/migration} ({@code SchemaMigrationTest} holds the two together). */
    static final String NEWEST = "18";
    static final String LOCATION = "classpath:db/migration";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    private final DataSourceResolver resolver;

    SchemaMigration(@Nullable DataSourceResolver resolver) {
        this.resolver = resolver == null ? DataSourceResolver.DEFAULT : resolver;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        // The pool itself, not micronaut-data's wrapper of it, which hands out connections only within its own scope.
        migrate(resolver.resolve(event.getBean()));
        return event.getBean();
    }

    /** Applies the migrations the database lacks, unless it has this build's newest. */
    static void migrate(DataSource dataSource) {
        if (!isCurrent(dataSource)) {
            var result = Flyway.configure().dataSource(dataSource).locations(LOCATION).load().migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("Database schema migrated to version {} ({} migrations applied)", result.targetSchemaVersion, result.migrationsExecuted);
            }
        }
    }

    /** Whether the schema history records this build's newest migration as applied. */
    static boolean isCurrent(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement applied = connection.prepareStatement("""
                     SELECT EXISTS (SELECT FROM flyway_schema_history WHERE version = ? AND success)""")) {
            applied.setString(1, NEWEST);
            try (ResultSet row = applied.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        } catch (SQLException e) {
            return false; // no schema history yet (a new database), or Flyway says below what is wrong, in its own words
        }
    }
}
