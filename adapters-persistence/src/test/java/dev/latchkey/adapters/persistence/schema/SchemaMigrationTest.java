package dev.latchkey.adapters.persistence.schema;

import dev.latchkey.adapters.persistence.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaMigrationTest {
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.+\\.sql");

    @Test
    void newest_names_the_newest_migration_file() throws IOException {
        int newest;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            newest = files.map(file -> VERSION.matcher(file.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1))).max(Comparator.naturalOrder()).orElseThrow();
        }
        assertThat(SchemaMigration.NEWEST).as("SchemaMigration.NEWEST must be the newest migration's version, V%d: set it so", newest)
                .isEqualTo(String.valueOf(newest));
    }

    @Test
    void a_new_database_is_migrated_and_a_current_one_costs_one_connection_and_no_flyway() throws Exception {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(TestPostgres.freshDatabaseUrl());
        database.setUser(TestPostgres.server().username());
        database.setPassword(TestPostgres.server().password());
        AtomicInteger connections = new AtomicInteger();
        DataSource counted = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    return method.invoke(database, args);
                });
        assertThat(SchemaMigration.isCurrent(counted)).isFalse();

        SchemaMigration.migrate(counted);

        assertThat(SchemaMigration.isCurrent(counted)).isTrue();
        try (Connection c = database.getConnection(); ResultSet tables = c.createStatement().executeQuery(
                "SELECT count(*) FROM pg_tables WHERE tablename IN ('linked_accounts', 'connections', 'activity_blocks')")) {
            tables.next();
            assertThat(tables.getInt(1)).isEqualTo(3);
        }
        int before = connections.get();
        SchemaMigration.migrate(counted);
        assertThat(connections.get() - before).as("connections a restart's check takes").isEqualTo(1);
    }
}
