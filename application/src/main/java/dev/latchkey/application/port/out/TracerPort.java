package dev.latchkey.application.port.out;

import java.util.Map;

/**
 * Opens a span of the trace the current thread works for (README, "Traces"): one per refresh attempt
 * and one per webhook delivery attempt, children of the API request or proxied call that caused them,
 * if any. The adapter (OpenTelemetry, when OTEL_EXPORTER_OTLP_ENDPOINT is set) owns the trace context;
 * the application only names the work and says how it ended. {@link #NONE} costs nothing.
 *
 * <p>Attributes are bounded, non-secret values only: connector slugs, connection ids, statuses,
 * problem codes — never a token, a header, a body or a query value.
 */
public interface TracerPort {
    /** Tracing off: every span is {@link TraceSpan#NONE}. */
    TracerPort NONE = (name, attributes) -> TraceSpan.NONE;

    /** Starts a span as a child of the current one; the caller closes it (try-with-resources). */
    TraceSpan start(String name, Map<String, String> attributes);
}
