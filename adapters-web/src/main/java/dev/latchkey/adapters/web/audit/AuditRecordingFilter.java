package dev.latchkey.adapters.web.audit;

import dev.latchkey.adapters.web.idempotency.IdempotencyFilter;
import dev.latchkey.adapters.web.request.RequestIdFilter;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.ClientAddresses;
import dev.latchkey.application.port.in.RecordAuditEntryCommand;
import dev.latchkey.application.port.in.RecordAuditEntryUseCase;
import dev.latchkey.domain.audit.Actor;
import dev.latchkey.domain.audit.AuditTarget;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Puts every change made through the API on the audit log: each POST, PUT, PATCH and DELETE on
 * {@code /v1/**} and {@code /admin/v1/**} that an authenticated caller (an API key, a session token,
 * the operator) sent to a route, once the route has answered. The proxy is not here (its calls are the
 * activity log's), nor GETs (they change nothing), nor the hosted portal's forms (their outcomes reach
 * the company's backend as webhooks).
 *
 * <p>An entry names the operation (its OpenAPI operation id), the path without its query and the ids
 * in it (and, for a 201, the id of what was created), the status, the actor, the client's address and
 * the request id. Never a body: a created key's secret or a webhook's signing secret cannot reach it.
 *
 * <p>Refusals (4xx) are recorded as well as successes: "someone tried to delete our webhook with a
 * revoked key's successor" is what an audit is read for, and the outcome filter leaves them out.
 * Unauthenticated requests (401) name no actor and no workspace and are not recorded; a replayed
 * idempotent answer changed nothing and is not recorded again.
 *
 * <p>The entry is written synchronously, after the route ran and before the answer leaves (changes are
 * rare next to reads and proxied calls; one INSERT on the blocking executor). When it cannot be stored,
 * the change has happened already, so the answer stands (failing it would invite a retry that changes
 * things twice), and the whole entry is logged at ERROR as {@code audit entry not stored}, from which it
 * can be recovered: never dropped silently. (For a 5xx, which changed nothing known — the database away
 * fails the change and its entry alike — the same line is a WARN.)
 */
@ServerFilter(patterns = {"/v1/**", "/admin/v1/**"}, methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
public class AuditRecordingFilter implements Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRecordingFilter.class);
    private static final String PROXY = "/v1/proxy/";
    private static final String ADMIN_WORKSPACES = "/admin/v1/workspaces";

    private final RecordAuditEntryUseCase record;
    private final ClientAddresses clientAddresses;
    private final OperationIds operationIds = OperationIds.load(AuditRecordingFilter.class.getClassLoader());

    public AuditRecordingFilter(RecordAuditEntryUseCase record, ClientAddresses clientAddresses) {
        this.record = record;
        this.clientAddresses = clientAddresses;
    }

    /** Inside the security filter (the caller is known), outside the idempotency filter (its replays are seen as such). */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() - 100;
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getPath().startsWith(PROXY) || response.getHeaders().contains(IdempotencyFilter.REPLAYED)) {
            return;
        }
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        Optional<Authentication> caller = request.getUserPrincipal(Authentication.class);
        if (route.isEmpty() || !(route.get() instanceof UriRouteMatch<?, ?> match) || caller.isEmpty()) {
            return; // no route (404, 405) or no caller (401): nothing was changed, and no one to name
        }
        Optional<Actor> actor = Caller.actor(caller.get());
        if (actor.isEmpty()) {
            return;
        }
        try {
            record(request, response, match, caller.get(), actor.get());
        } catch (RuntimeException e) {
            // a bug here must not fail a change that has happened; it is loud instead
            LOG.error("audit entry not stored ({}): {} {} by {}:{} answered {}", e.getClass().getSimpleName(), request.getMethodName(),
                    request.getUri().getRawPath(), actor.get().kind(), actor.get().id().orElse("-"), response.code(), e);
        }
    }

    private void record(HttpRequest<?> request, MutableHttpResponse<?> response, UriRouteMatch<?, ?> match, Authentication caller, Actor actor) {
        Map<String, String> ids = new LinkedHashMap<>();
        match.getVariableValues().forEach((name, value) -> {
            if (value != null && !value.toString().isEmpty() && ids.size() < AuditTarget.MAX_IDS - 1) {
                ids.put(snakeCase(name), id(value.toString()));
            }
        });
        Optional<String> created = response.code() == HttpStatus.CREATED.getCode() ? createdId(response.getBody().orElse(null)) : Optional.empty();
        created.ifPresent(id -> ids.put("created_id", id(id)));
        String path = request.getUri().getRawPath();
        Optional<WorkspaceId> workspace = Caller.workspaceIfAny(caller).or(() -> operatorsWorkspace(path, ids, created));
        RecordAuditEntryCommand command = new RecordAuditEntryCommand(workspace, actor, action(match),
                new AuditTarget(Optional.of(path.length() > AuditTarget.MAX_PATH ? path.substring(0, AuditTarget.MAX_PATH) : path), ids),
                response.code(), clientAddresses.address(request.getRemoteAddress(), request.getHeaders().getAll(ClientAddresses.FORWARDED_FOR)),
                RequestIdFilter.of(request));
        try {
            record.record(command);
        } catch (RuntimeException e) {
            // ERROR when something changed (or was refused) and its entry is lost; a 5xx changed nothing known
            // (the database away fails the change and its entry alike): WARN, once per request, never a stack trace.
            LOG.atLevel(command.status() >= 500 ? Level.WARN : Level.ERROR)
                    .log("audit entry not stored ({}): workspace={} actor={}:{} action={} path={} ids={} status={} client={} request_id={}",
                            e.getClass().getSimpleName(), workspace.map(WorkspaceId::toString).orElse("-"), actor.kind(),
                            actor.id().orElse("-"), command.action(), command.target().path().orElse("-"), ids, command.status(),
                            command.clientAddress().orElse("-"), command.requestId().orElse("-"));
        }
    }

    /** The operation's id in the OpenAPI document; else the method and the route's template. */
    private String action(UriRouteMatch<?, ?> match) {
        String method = match.getHttpMethod().name();
        String template = match.getRouteInfo().getUriMatchTemplate().toPathString();
        return operationIds.of(method, template).orElseGet(() -> method + " " + OperationIds.withoutQuery(template));
    }

    /** The operator's changes to one workspace belong to it: the workspace named in the path, or the one just created. */
    private static Optional<WorkspaceId> operatorsWorkspace(String path, Map<String, String> ids, Optional<String> created) {
        if (!path.startsWith(ADMIN_WORKSPACES)) {
            return Optional.empty();
        }
        String id = path.equals(ADMIN_WORKSPACES) ? created.orElse(null) : ids.get("id");
        try {
            return Optional.ofNullable(id).map(WorkspaceId::parse);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The {@code id} of what a 201 created (or of its {@code workspace}, for a new workspace with its key); never another field. */
    private static Optional<String> createdId(Object body) {
        Optional<Object> id = property(body, "id");
        if (id.isEmpty()) {
            id = property(body, "workspace").flatMap(workspace -> property(workspace, "id"));
        }
        return id.map(Object::toString).filter(text -> !text.isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static Optional<Object> property(Object bean, String name) {
        if (bean == null) {
            return Optional.empty();
        }
        Optional<BeanIntrospection<Object>> introspection = BeanIntrospector.SHARED.findIntrospection((Class<Object>) bean.getClass());
        return introspection.flatMap(i -> i.getProperty(name)).map(property -> property.get(bean));
    }

    /** An id as the target keeps it: at most {@link AuditTarget#MAX_ID} characters, control characters replaced. */
    private static String id(String value) {
        String cut = value.length() > AuditTarget.MAX_ID ? value.substring(0, AuditTarget.MAX_ID) : value;
        StringBuilder clean = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
