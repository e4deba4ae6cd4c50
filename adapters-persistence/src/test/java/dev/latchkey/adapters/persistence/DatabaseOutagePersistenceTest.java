package dev.latchkey.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.adapters.persistence.embedded.EmbeddedPostgres;
import dev.latchkey.adapters.persistence.outage.DatabaseOutage;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.WorkspaceStorePort;
import dev.latchkey.domain.DatabaseUnavailableException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The persistence adapters against a PostgreSQL of their own, stopped and started again: a database
 * that is away leaves every adapter as {@link DatabaseUnavailableException}, whatever wrapped the
 * driver's error on the way, and the adapters work again once it is back.
 */
class DatabaseOutagePersistenceTest {
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private EmbeddedPostgres postgres;
    private ApplicationContext context;

    @BeforeEach
    void start() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // reachable by 'nobody' when run as root
        postgres = EmbeddedPostgres.start(dir.resolve("postgres"), false);
        Map<String, Object> properties = new HashMap<>(Map.of(
                "datasources.default.url", postgres.jdbcUrl("latchkey"),
                "datasources.default.username", postgres.username(),
                "datasources.default.password", postgres.password(),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES",
                "datasources.default.connection-timeout", 1000,
                "datasources.default.validation-timeout", 500));
        properties.put("datasources.default.data-source-properties.connectTimeout", 1);
        properties.put("datasources.default.data-source-properties.socketTimeout", 30);
        context = ApplicationContext.run(properties);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void a_stopped_database_is_reported_as_unavailable_and_the_adapters_work_again_when_it_is_back() throws Exception {
        WorkspaceStorePort workspaces = context.getBean(WorkspaceStorePort.class);
        TransactionPort transactions = context.getBean(TransactionPort.class);
        DatabaseOutage outage = context.getBean(DatabaseOutage.class);
        assertThat(workspaces.anyExists()).isFalse();

        postgres.stopServer();

        assertThatThrownBy(workspaces::anyExists).isInstanceOf(DatabaseUnavailableException.class);
        assertThatThrownBy(() -> transactions.inTransaction(workspaces::anyExists)).isInstanceOf(DatabaseUnavailableException.class);
        assertThat(outage.ongoing()).isTrue();

        postgres.startAgain();

        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        while (true) {
            try {
                assertThat(workspaces.anyExists()).isFalse();
                break;
            } catch (DatabaseUnavailableException notYet) {
                assertThat(System.nanoTime()).as("the database is reachable again within " + RECOVERY_LIMIT).isLessThan(deadline);
            }
        }
        assertThat(outage.ongoing()).isFalse();
    }

    @Test
    void the_driver_timeouts_reach_the_pool() {
        DataSource dataSource = context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));

        assertThat(dataSource).isInstanceOf(HikariDataSource.class);
        HikariDataSource pool = (HikariDataSource) dataSource;
        assertThat(pool.getConnectionTimeout()).isEqualTo(1000);
        assertThat(pool.getDataSourceProperties()).containsEntry("connectTimeout", 1).containsEntry("socketTimeout", 30);
    }
}
