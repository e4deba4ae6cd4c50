package dev.latchkey.adapters.metrics.tracing;

import dev.latchkey.application.port.out.TraceSpan;
import dev.latchkey.application.port.out.TracerPort;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

import java.util.Map;

/**
 * The application's spans (a refresh attempt, a webhook delivery attempt) as OpenTelemetry spans: a
 * child of the span current on the thread (the API request's or the proxied call's, which the web
 * adapter makes current where it hands work to a blocking thread), or a trace of its own for
 * background work. The span is current until closed, so what it causes nests under it.
 */
public final class OpenTelemetryTracer implements TracerPort {
    private final Tracer tracer;

    public OpenTelemetryTracer(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.latchkey.application");
    }

    @Override
    public TraceSpan start(String name, Map<String, String> attributes) {
        SpanBuilder builder = tracer.spanBuilder(name);
        attributes.forEach(builder::setAttribute);
        Span span = builder.startSpan();
        return new OpenSpan(span, span.makeCurrent());
    }

    private static final class OpenSpan extends TraceSpan {
        private final Span span;
        private final Scope scope;

        OpenSpan(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        @Override
        public void attribute(String key, String value) {
            span.setAttribute(key, value);
        }

        @Override
        public void attribute(String key, long value) {
            span.setAttribute(key, value);
        }

        @Override
        public void failed(String code) {
            span.setStatus(StatusCode.ERROR, code);
            span.setAttribute("latchkey.problem_code", code);
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
