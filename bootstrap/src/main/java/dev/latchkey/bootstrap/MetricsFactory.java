package dev.latchkey.bootstrap;

import dev.latchkey.adapters.metrics.MetricsPortServer;
import dev.latchkey.adapters.metrics.MicrometerActivityRecorder;
import dev.latchkey.adapters.metrics.OperationsGauges;
import dev.latchkey.application.port.in.MeasureOperationsUseCase;
import dev.latchkey.application.port.out.ActivityDropCounterPort;
import dev.latchkey.application.port.out.ConnectorCatalogPort;
import dev.latchkey.application.port.out.OperationalStatsPort;
import dev.latchkey.application.service.AuthenticateApiKeyService;
import dev.latchkey.application.service.MeasureOperationsService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

/**
 * Metrics (README, "Metrics"): the activity stream's counters, the database gauges, the API-key cache
 * and the activity log's drops, on the Prometheus registry micronaut-micrometer builds (with its JVM,
 * process and Hikari pool meters). Scraped at GET /metrics behind the admin token, or on
 * LATCHKEY_METRICS_PORT without one.
 */
@Factory
public class MetricsFactory {

    @Singleton
    MicrometerActivityRecorder metricsRecorder(MeterRegistry registry, ConnectorCatalogPort catalog) {
        // The catalog (shipped files and LATCHKEY_CONNECTORS_DIR) is bounded by the operator; private connectors are not.
        return new MicrometerActivityRecorder(registry, slug -> catalog.find(slug).isPresent());
    }

    @Singleton
    MeasureOperationsService measureOperations(OperationalStatsPort stats, Clock clock) {
        return new MeasureOperationsService(stats, clock);
    }

    /** At start, so its gauges are in the first scrape (0 and database down until the first measurement). */
    @Context
    OperationsGauges operationsGauges(MeasureOperationsUseCase measure, MeterRegistry registry) {
        return new OperationsGauges(measure, registry);
    }

    /** Counters read from what already counts, at scrape time: no work on the request path. */
    @Context
    MeterBindings meterBindings(MeterRegistry registry, AuthenticateApiKeyService apiKeys, List<ActivityDropCounterPort> drops) {
        FunctionCounter.builder("latchkey.api.key.cache", apiKeys, AuthenticateApiKeyService::cacheHits)
                .description("API keys presented, by whether they were answered from memory (hit) or looked up in the database (miss)")
                .tag("result", "hit").register(registry);
        FunctionCounter.builder("latchkey.api.key.cache", apiKeys, AuthenticateApiKeyService::cacheMisses)
                .description("API keys presented, by whether they were answered from memory (hit) or looked up in the database (miss)")
                .tag("result", "miss").register(registry);
        List<ActivityDropCounterPort> counters = List.copyOf(drops);
        FunctionCounter.builder("latchkey.activity.log.dropped", counters,
                        all -> all.stream().mapToLong(ActivityDropCounterPort::droppedActivities).sum())
                .description("Activity records dropped because the activity log's queue was full").register(registry);
        return new MeterBindings();
    }

    /** Marks that the bindings above are made (they are made once, when the context starts). */
    public static final class MeterBindings {
    }

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "latchkey.metrics-port")
    MetricsPortServer metricsPortServer(PrometheusMeterRegistry registry, @Value("${latchkey.metrics-port}") int port) {
        return new MetricsPortServer(registry, new InetSocketAddress(port));
    }
}
