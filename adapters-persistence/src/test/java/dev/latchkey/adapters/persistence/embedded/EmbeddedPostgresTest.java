package dev.latchkey.adapters.persistence.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded server started in the background, as Latchkey starts it beside its application context. */
class EmbeddedPostgresTest {
    @TempDir
    Path dir;

    @Test
    void a_launched_server_names_its_address_at_once_and_accepts_connections_once_ready() throws Exception {
        reachable();
        EmbeddedPostgres postgres = EmbeddedPostgres.launch(dir.resolve("postgres"), false);
        try {
            assertThat(postgres.port()).isPositive();
            assertThat(postgres.password()).isNotBlank();
            assertThat(postgres.jdbcUrl("latchkey")).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/latchkey");

            postgres.awaitReady();
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("latchkey"), postgres.username(), postgres.password());
                 ResultSet result = connection.createStatement().executeQuery("SELECT current_database()")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("latchkey");
            }
        } finally {
            postgres.close();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("latchkey"), postgres.username(), postgres.password()))
                .as("closed: the server is stopped").isInstanceOf(SQLException.class);
    }

    @Test
    void a_server_that_cannot_start_says_why_to_whoever_waits_for_it_and_leaves_nothing_to_stop() throws Exception {
        reachable();
        Path base = Files.createDirectories(dir.resolve("postgres"));
        Files.writeString(base.resolve("pgdata"), "a file where the cluster's directory should be");

        EmbeddedPostgres postgres = EmbeddedPostgres.launch(base, false);

        assertThatThrownBy(postgres::awaitReady).isInstanceOf(IllegalStateException.class).hasMessageContaining("initdb");
        assertThatThrownBy(postgres::awaitReady).as("the same answer for every caller").hasMessageContaining("initdb");
        postgres.close(); // returns: there is no server to stop
    }

    /** JUnit's temp dirs are private (700); as root, the embedded PostgreSQL runs as nobody and must reach its data dir. */
    private void reachable() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
