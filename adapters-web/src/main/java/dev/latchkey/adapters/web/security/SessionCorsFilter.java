package dev.latchkey.adapters.web.security;

import dev.latchkey.application.port.in.GetAllowedOriginsUseCase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;

/**
 * CORS for the endpoints a browser calls with a session token (the SDKs run on the company's own
 * origin). A preflight carries no token, so it is answered for any origin; an actual response gets
 * {@code Access-Control-Allow-Origin} only when the origin is one of the token's workspace's allowed
 * origins — except a 401 (or its throttled form, a 429), which names no workspace and holds nothing
 * but {@code unauthorized}, so that a browser client can tell an expired token (and fetch a new one)
 * from a network failure.
 * Never {@code Access-Control-Allow-Credentials}: bearer tokens, no cookies.
 */
@ServerFilter({"/v1/apps", "/v1/apps/**", "/v1/session", "/v1/branding"})
public class SessionCorsFilter implements Ordered {
    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    static final String MAX_AGE_SECONDS = "600";

    private final GetAllowedOriginsUseCase allowedOrigins;

    public SessionCorsFilter(GetAllowedOriginsUseCase allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    /** Before security: a preflight has no token to check. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> preflight(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (request.getMethod() != HttpMethod.OPTIONS || origin == null
                || request.getHeaders().get(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) == null) {
            return null;
        }
        return HttpResponse.status(HttpStatus.NO_CONTENT)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                .header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS)
                .header(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void allowOrigin(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin == null || request.getMethod() == HttpMethod.OPTIONS) {
            return;
        }
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        Authentication caller = request.getUserPrincipal(Authentication.class).orElse(null);
        boolean allowed = caller == null
                ? response.code() == HttpStatus.UNAUTHORIZED.getCode() || response.code() == HttpStatus.TOO_MANY_REQUESTS.getCode()
                : caller.getRoles().contains(Roles.SESSION) && allowedOrigins.get(Caller.workspace(caller)).allows(origin);
        if (allowed) {
            response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            if (response.getHeaders().contains(HttpHeaders.RETRY_AFTER)) {
                response.header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaders.RETRY_AFTER);
            }
        }
    }
}
