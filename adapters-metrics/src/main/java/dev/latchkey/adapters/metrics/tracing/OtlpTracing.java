package dev.latchkey.adapters.metrics.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry SDK that exports Latchkey's spans over OTLP (README, "Traces"), built only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set: with traces off, nothing of the SDK is loaded.
 *
 * <p>Built by the SDK's autoconfigure module, so the standard variables work as they do everywhere
 * (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_EXPORTER_OTLP_HEADERS, OTEL_TRACES_SAMPLER and its
 * argument, OTEL_BSP_*). Latchkey's defaults under them: service name {@code latchkey}, the
 * {@code http/protobuf} protocol (the one sender on the class path is the JDK's HttpClient; there is no
 * gRPC one), traces only (no OTLP metrics or logs: metrics are Prometheus's, logs are stdout's), and no
 * shutdown hook of the SDK's own: {@link #close()} flushes and stops it when the context closes. The SDK's
 * own log lines (java.util.logging) are routed to SLF4J, so they reach Latchkey's log in its format.
 */
public final class OtlpTracing implements AutoCloseable {
    private static final long FLUSH_SECONDS = 10;
    private static final long CLOSE_SECONDS = 5;
    private final OpenTelemetrySdk sdk;

    private OtlpTracing(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
    }

    /**
     * @param endpoint    the OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT), e.g. {@code http://collector:4318};
     *                    spans go to its {@code /v1/traces}
     * @param serviceName the service name unless OTEL_SERVICE_NAME says otherwise
     */
    public static OtlpTracing start(String endpoint, String serviceName) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("otel.exporter.otlp.endpoint", endpoint);
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        defaults.put("otel.service.name", serviceName);
        defaults.put("otel.traces.exporter", "otlp");
        defaults.put("otel.metrics.exporter", "none");
        defaults.put("otel.logs.exporter", "none");
        // The SDK reports export failures through java.util.logging: into Latchkey's log (and its format) instead of stderr.
        // (Every root handler goes, a bridge another library installed beside the console handler included; then one bridge.)
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        return new OtlpTracing(sdk);
    }

    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    /** Sends the spans that ended and waits (10 s at most) until the endpoint took them. */
    public boolean flush() {
        CompletableResultCode flushed = sdk.getSdkTracerProvider().forceFlush().join(FLUSH_SECONDS, TimeUnit.SECONDS);
        return flushed.isSuccess();
    }

    /**
     * Sends the spans still queued and stops the exporter, waiting 5 s at most: a collector that is away
     * must not hold up a stop (the exporter retries refused connections with a backoff).
     */
    @Override
    public void close() {
        sdk.shutdown().join(CLOSE_SECONDS, TimeUnit.SECONDS);
    }
}
