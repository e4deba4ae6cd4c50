package dev.latchkey.adapters.persistence.support;

import dev.latchkey.adapters.persistence.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM, and a fresh database in it for each caller, so test classes
 * never see each other's rows.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("latchkey-test-pg");
                server = EmbeddedPostgres.start(dir, false);
                EmbeddedPostgres started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    deleteQuietly(dir);
                }, "test-postgres-cleanup"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp directory is harmless.
        }
    }

    /** Creates a new empty database and returns the JDBC URL of it. */
    public static String freshDatabaseUrl() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        server().ensureDatabase(name);
        return server().jdbcUrl(name);
    }

    /** Micronaut properties for a data source on a fresh database, migrated by SchemaMigration. */
    public static Map<String, String> freshDatabaseProperties() {
        return Map.of(
                "datasources.default.url", freshDatabaseUrl(),
                "datasources.default.username", server().username(),
                "datasources.default.password", server().password(),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES");
    }
}
