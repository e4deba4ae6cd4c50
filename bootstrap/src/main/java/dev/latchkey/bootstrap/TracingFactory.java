package dev.latchkey.bootstrap;

import dev.latchkey.adapters.metrics.tracing.OpenTelemetryTracer;
import dev.latchkey.adapters.metrics.tracing.OtlpTracing;
import dev.latchkey.application.port.out.TracerPort;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.inject.Singleton;

/**
 * Traces (README, "Traces"): on when OTEL_EXPORTER_OTLP_ENDPOINT is set (Micronaut reads it as the
 * property {@code otel.exporter.otlp.endpoint}), off otherwise. Off, there is no {@link OpenTelemetry}
 * bean, the web adapter skips its spans on a boolean, the application's spans are {@link TracerPort#NONE},
 * and no class of the SDK is loaded.
 */
@Factory
public class TracingFactory {
    static final String ENDPOINT = "otel.exporter.otlp.endpoint";

    /** Flushed and stopped when the context closes, after the server stopped: the last spans are sent. */
    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = ENDPOINT, pattern = ".*\\S.*")
    OtlpTracing otlpTracing(@Value("${" + ENDPOINT + "}") String endpoint, @Value("${otel.service.name:latchkey}") String serviceName) {
        return OtlpTracing.start(endpoint.strip(), serviceName);
    }

    @Singleton
    @Requires(beans = OtlpTracing.class)
    OpenTelemetry openTelemetry(OtlpTracing tracing) {
        return tracing.openTelemetry();
    }

    @Singleton
    TracerPort tracer(@Nullable OpenTelemetry openTelemetry) {
        return openTelemetry == null ? TracerPort.NONE : new OpenTelemetryTracer(openTelemetry);
    }
}
