package dev.latchkey.adapters.web.console;

import dev.latchkey.adapters.web.request.RequestIdFilter;
import dev.latchkey.adapters.web.security.ClientAddresses;
import dev.latchkey.application.port.in.RecordAuditEntryCommand;
import dev.latchkey.application.port.in.RecordAuditEntryUseCase;
import dev.latchkey.domain.audit.Actor;
import dev.latchkey.domain.audit.AuditTarget;
import dev.latchkey.domain.workspace.Workspace;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Puts every change made through the console on the audit log, as {@code AuditRecordingFilter} does
 * for the API: each answer of a route marked {@link ConsoleAction} in a workspace the signed-in user
 * has a role in, whatever the outcome (a role refused an action is what an audit is read for). The
 * entry names the user ({@code console_user}: the identity provider's subject, and the name or email
 * it gave), the action, the console path and the ids in it (and {@code created_id}, what the action
 * made), the status, the client's address (through LATCHKEY_TRUSTED_PROXIES) and the request id.
 * Never a form field: a client secret typed into a form cannot reach it.
 *
 * <p>A path naming a workspace the user has no role in (a 404 page) is not recorded in that workspace's
 * log. An entry that cannot be stored is logged at ERROR ({@code audit entry not stored}), never dropped
 * silently; the change has happened and its answer stands.
 */
@ServerFilter(patterns = ConsolePaths.ROOT + "/workspaces/**", methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
@Requires(beans = ConsoleSettings.class)
public class ConsoleAuditFilter {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuditFilter.class);
    private static final String CREATED = "latchkey.console.created_id";

    private final RecordAuditEntryUseCase record;
    private final ClientAddresses clientAddresses;
    private final ConsoleWorkspaces workspaces;

    public ConsoleAuditFilter(RecordAuditEntryUseCase record, ClientAddresses clientAddresses, ConsoleWorkspaces workspaces) {
        this.record = record;
        this.clientAddresses = clientAddresses;
        this.workspaces = workspaces;
    }

    /** What an action created (an API key, a webhook endpoint), for its entry's {@code created_id}. */
    static void created(HttpRequest<?> request, String id) {
        request.setAttribute(CREATED, id);
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<ConsoleSession> session = request.getAttribute(ConsoleSessionFilter.ATTRIBUTE, ConsoleSession.class);
        if (session.isEmpty() || !(RouteAttributes.getRouteMatch(request).orElse(null) instanceof UriRouteMatch<?, ?> match)) {
            return; // signed out (401) or no route: nothing changed, no one to name
        }
        Optional<String> action = match.getRouteInfo().getAnnotationMetadata().stringValue(ConsoleAction.class);
        Object workspaceId = match.getVariableValues().get("workspaceId");
        if (action.isEmpty() || workspaceId == null) {
            return;
        }
        Optional<Workspace> workspace = workspaces.all(session.get()).stream().filter(w -> w.id().toString().equals(workspaceId.toString()))
                .findFirst();
        if (workspace.isEmpty()) {
            return;
        }
        Map<String, String> ids = new LinkedHashMap<>();
        match.getVariableValues().forEach((name, value) -> {
            if (!name.equals("workspaceId") && value != null && !value.toString().isEmpty() && ids.size() < AuditTarget.MAX_IDS - 1) {
                ids.put(snakeCase(name), id(value.toString()));
            }
        });
        request.getAttribute(CREATED, String.class).ifPresent(id -> ids.put("created_id", id(id)));
        String path = request.getUri().getRawPath();
        Actor actor = new Actor.ConsoleUser(session.get().subject(), Optional.of(session.get().displayName()));
        WorkspaceId id = workspace.get().id();
        try {
            record.record(new RecordAuditEntryCommand(Optional.of(id), actor, action.get(),
                    new AuditTarget(Optional.of(path.length() > AuditTarget.MAX_PATH ? path.substring(0, AuditTarget.MAX_PATH) : path), ids),
                    response.code(), clientAddresses.address(request.getRemoteAddress(), request.getHeaders().getAll(ClientAddresses.FORWARDED_FOR)),
                    RequestIdFilter.of(request)));
        } catch (RuntimeException e) {
            LOG.error("audit entry not stored ({}): workspace={} actor=console_user:{} action={} path={} ids={} status={}",
                    e.getClass().getSimpleName(), id, session.get().subject(), action.get(), path, ids, response.code());
        }
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
