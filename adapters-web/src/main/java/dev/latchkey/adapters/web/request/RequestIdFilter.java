package dev.latchkey.adapters.web.request;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Map;

/**
 * Gives every request of Latchkey's HTTP server (the proxy answers its own) a {@link RequestId}: the
 * caller's {@code X-Request-Id} when well-formed, else a new one. It is answered in {@code X-Request-Id}
 * and put into the logging MDC as {@code request_id} for every thread that serves the request (Micronaut's
 * propagated context carries it onto the blocking executor), so the JSON log line names it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestIdFilter implements Ordered {
    public static final String MDC_KEY = "request_id";
    static final String ATTRIBUTE = "latchkey.request-id";

    /** Outermost, with the security headers: the security filter's 401s and the error handlers' problems carry it too. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    /** The id this filter gave the request; empty before it ran. */
    public static java.util.Optional<String> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class);
    }

    @RequestFilter
    public void identify(HttpRequest<?> request, MutablePropagatedContext context) {
        String id = RequestId.accept(request.getHeaders().get(RequestId.HEADER));
        request.setAttribute(ATTRIBUTE, id);
        context.add(new MdcPropagationContext(Map.of(MDC_KEY, id)));
        context.add(new RequestIdContext(id)); // for the activity records the request's use cases write
    }

    @ResponseFilter
    public void answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header(RequestId.HEADER, request.getAttribute(ATTRIBUTE, String.class).orElseGet(RequestId::create));
    }
}
