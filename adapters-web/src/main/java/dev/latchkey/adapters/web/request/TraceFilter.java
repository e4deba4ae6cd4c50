package dev.latchkey.adapters.web.request;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/**
 * A span per request of Latchkey's HTTP server (the proxy opens its own), when traces are on (README,
 * "Traces"): a child of the caller's W3C {@code traceparent} when it sent one, named by the route's
 * template ({@code GET /v1/linked-accounts/{id}}), never by the path a caller typed. Its context is
 * current on every thread that serves the request (Micronaut's propagated context carries it onto the
 * blocking executor), so a refresh the request causes is its child, and the logging MDC names its
 * {@code trace_id} next to {@code request_id}.
 *
 * <p>Attributes: the method, the route template, the status, the request id. No path values, no query,
 * no header: a path may hold a connect link's token.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class TraceFilter implements Ordered {
    static final String ATTRIBUTE = "latchkey.span";
    private final WebTracing tracing;

    public TraceFilter(WebTracing tracing) {
        this.tracing = tracing;
    }

    /** Just inside the request id's filter: the security filter's 401s are traced, and carry the request id. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1;
    }

    @RequestFilter
    public void start(HttpRequest<?> request, MutablePropagatedContext context) {
        if (!tracing.enabled()) {
            return;
        }
        String method = request.getMethodName();
        Span span = tracing.startServer(method, request, name -> request.getHeaders().get(name));
        span.setAttribute("http.request.method", method);
        request.getAttribute(RequestIdFilter.ATTRIBUTE, String.class).ifPresent(id -> span.setAttribute("latchkey.request_id", id));
        request.setAttribute(ATTRIBUTE, span);
        context.add(new CurrentSpan(span));
    }

    @ResponseFilter
    public void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!tracing.enabled()) {
            return;
        }
        request.getAttribute(ATTRIBUTE, Span.class).ifPresent(span -> {
            request.removeAttribute(ATTRIBUTE, Span.class);
            RouteAttributes.getRouteInfo(request).filter(UriRouteInfo.class::isInstance).map(UriRouteInfo.class::cast)
                    .map(route -> route.getUriMatchTemplate().toString()).ifPresent(route -> {
                        span.setAttribute("http.route", route);
                        span.updateName(request.getMethodName() + " " + route);
                    });
            int status = response.code();
            span.setAttribute("http.response.status_code", status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
    }

    /** Makes the request's span current, and its trace id the MDC's {@code trace_id}, on a thread that serves it. */
    private record CurrentSpan(Span span) implements ThreadPropagatedContextElement<CurrentSpan.Previous> {
        record Previous(Scope scope, String traceId) {
        }

        @Override
        public Previous updateThreadContext() {
            String previous = MDC.get(WebTracing.MDC_KEY);
            Scope scope = Context.root().with(span).makeCurrent();
            MDC.put(WebTracing.MDC_KEY, span.getSpanContext().getTraceId());
            return new Previous(scope, previous);
        }

        @Override
        public void restoreThreadContext(Previous previous) {
            previous.scope().close();
            if (previous.traceId() == null) {
                MDC.remove(WebTracing.MDC_KEY);
            } else {
                MDC.put(WebTracing.MDC_KEY, previous.traceId());
            }
        }
    }
}
