package dev.latchkey.adapters.web.request;

import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The web side of traces (README, "Traces"): the spans of API requests and proxied calls, the caller's
 * W3C {@code traceparent} taken as their parent, and the {@code traceparent} a provider is sent when its
 * connector allows it. Off unless bootstrap provides an {@link OpenTelemetry} (it does when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set): otherwise {@link #enabled()} is false and callers skip all of it, so
 * a request pays one boolean test.
 *
 * <p>Only the W3C trace context is read and written, whatever OTEL_PROPAGATORS says: baggage would carry
 * whatever the caller put in it to a provider.
 */
@Singleton
public final class WebTracing {
    /** The trace id in the logging MDC, next to {@code request_id}. */
    public static final String MDC_KEY = "trace_id";
    /** The W3C trace context headers: never passed from a caller to a provider whose connector does not allow it. */
    public static final List<String> HEADERS = List.of("traceparent", "tracestate");

    private final boolean enabled;
    /** Null when off. */
    private final Tracer tracer;

    /** @param openTelemetry the SDK bootstrap builds when traces are on; null (no such bean) when they are off */
    public WebTracing(@Nullable OpenTelemetry openTelemetry) {
        this.enabled = openTelemetry != null;
        // Off, not even the API's no-op classes are loaded: every caller checks enabled() first.
        this.tracer = openTelemetry == null ? null : openTelemetry.getTracer("dev.latchkey.web");
    }

    public boolean enabled() {
        return enabled;
    }

    /** A span started now, a child of the caller's {@code traceparent} when it sent a valid one. */
    public <C> Span startServer(String name, C carrier, Function<String, String> header) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, getter(header));
        return tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.SERVER).startSpan();
    }

    /** A span of a call to a provider, a child of {@code parent}. */
    public Span startClient(String name, Span parent) {
        SpanBuilder builder = tracer.spanBuilder(name).setParent(Context.root().with(parent)).setSpanKind(SpanKind.CLIENT);
        return builder.startSpan();
    }

    /** Writes {@code span}'s {@code traceparent} (and {@code tracestate}) through {@code setter}. */
    public void inject(Span span, BiConsumer<String, String> header) {
        TextMapSetter<BiConsumer<String, String>> setter = (carrier, key, value) -> {
            if (carrier != null) {
                carrier.accept(key, value);
            }
        };
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), header, setter);
    }

    private static <C> TextMapGetter<C> getter(Function<String, String> header) {
        return new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(C carrier) {
                return HEADERS;
            }

            @Override
            public String get(C carrier, String key) {
                return header.apply(key);
            }
        };
    }
}
