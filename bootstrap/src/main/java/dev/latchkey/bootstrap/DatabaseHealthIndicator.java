package dev.latchkey.bootstrap;

import dev.latchkey.adapters.persistence.outage.DatabaseFailures;
import dev.latchkey.adapters.persistence.outage.DatabaseOutage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The database's part of {@code /health}: UP when a pooled connection answers a validity check,
 * DOWN (so /health is 503) otherwise, and always within {@link #ANSWER_WITHIN_MILLIS}. One probe
 * runs at a time on its own thread; a probe still waiting for the pool when the second is up counts
 * as DOWN, and the next health check shares it rather than piling up another. Replaces micronaut's
 * JDBC indicator, which waits as long as the pool does. Probes also tell {@link DatabaseOutage}, so
 * an outage is logged even when no request needs the database.
 */
@Singleton
public class DatabaseHealthIndicator implements HealthIndicator {
    static final long ANSWER_WITHIN_MILLIS = 1000;
    private static final int VALIDITY_CHECK_SECONDS = 1;

    private final DataSource dataSource;
    private final DatabaseOutage outage;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("database-health").daemon().factory());
    private CompletableFuture<Boolean> probe; // guarded by this

    public DatabaseHealthIndicator(DataSource dataSource, @Nullable DataSourceResolver resolver, DatabaseOutage outage) {
        this.dataSource = (resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource);
        this.outage = outage;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        CompletableFuture<Boolean> answer = currentProbe().copy().completeOnTimeout(false, ANSWER_WITHIN_MILLIS, TimeUnit.MILLISECONDS);
        return Mono.fromFuture(answer).map(up -> HealthResult.builder("database", up ? HealthStatus.UP : HealthStatus.DOWN).build());
    }

    private synchronized CompletableFuture<Boolean> currentProbe() {
        if (probe == null || probe.isDone()) {
            probe = CompletableFuture.supplyAsync(this::reachable, prober);
        }
        return probe;
    }

    private boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(VALIDITY_CHECK_SECONDS)) {
                outage.succeeded();
                return true;
            }
            outage.failed("a connection failed its validity check");
            return false;
        } catch (SQLException e) {
            outage.failed(DatabaseFailures.connectionLevel(e).orElse(e)); // no connection, for whatever reason: unusable
            return false;
        }
    }

    @PreDestroy
    void stop() {
        prober.shutdownNow();
    }
}
