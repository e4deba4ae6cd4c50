package dev.latchkey.adapters.web.security;

import dev.latchkey.adapters.web.request.LogContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;

/**
 * Once the security filter has authenticated an API key or a session token, the caller's workspace goes
 * into the logging MDC as {@code workspace} for every thread that serves the request (beside
 * {@code request_id}; taken off with it when the request is done), so a log line says whose request it
 * was written for. The admin token and anonymous requests belong to no workspace.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class WorkspaceLogContextFilter implements Ordered {
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    public void identify(HttpRequest<?> request, MutablePropagatedContext context) {
        request.getUserPrincipal(Authentication.class)
                .map(authentication -> authentication.getAttributes().get(Roles.WORKSPACE_CLAIM))
                .ifPresent(workspace -> LogContext.add(context, LogContext.WORKSPACE, workspace.toString()));
    }
}
