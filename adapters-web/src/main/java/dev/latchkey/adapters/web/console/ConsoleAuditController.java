package dev.latchkey.adapters.web.console;

import dev.latchkey.adapters.web.audit.AuditExport;
import dev.latchkey.adapters.web.audit.AuditQueries;
import dev.latchkey.application.port.in.ListAuditEntriesQuery;
import dev.latchkey.application.port.in.ListAuditEntriesUseCase;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace's audit log in the console, newest first, with the filters of GET /v1/audit (actor,
 * action, outcome, since, until), 50 a page and "Older" to page on; and its export as JSON lines, in
 * the format of GET /v1/audit/export (up to 1000 lines a file, the Next-Cursor header naming the next
 * page). Every role reads it: it is what the changes of the admins and owners are answered for.
 */
@Controller(ConsolePaths.ROOT + "/workspaces/{workspaceId}/audit")
@Requires(beans = ConsoleSettings.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class ConsoleAuditController {
    static final int PAGE_SIZE = 50;
    private static final List<String> FILTERS = List.of("actor", "action", "outcome", "since", "until");

    private final ConsoleWorkspaces workspaces;
    private final ListAuditEntriesUseCase list;
    private final ConsolePages pages;
    private final JsonMapper json;

    public ConsoleAuditController(ConsoleWorkspaces workspaces, ListAuditEntriesUseCase list, ConsolePages pages, JsonMapper json) {
        this.workspaces = workspaces;
        this.list = list;
        this.pages = pages;
        this.json = json;
    }

    @Get("{?actor,action,outcome,since,until,cursor}")
    public MutableHttpResponse<?> audit(String workspaceId, @QueryValue @Nullable String actor, @QueryValue @Nullable String action,
                                        @QueryValue @Nullable String outcome, @QueryValue @Nullable String since,
                                        @QueryValue @Nullable String until, @QueryValue @Nullable String cursor, ConsoleSession session,
                                        HttpRequest<?> request) {
        Workspace workspace = workspaces.require(workspaceId, session);
        Map<String, String> given = given(actor, action, outcome, since, until);
        Page<AuditEntry> page;
        try {
            page = list.list(query(workspace, given, PAGE_SIZE, cursor));
        } catch (InvalidInputException e) {
            return pages.render(HttpStatus.BAD_REQUEST, AuditView.of(workspace, given, new Page<>(List.of(), Optional.empty()),
                    e.violations().stream().map(v -> v.field() + ": " + v.message()).toList()), session, workspace, request);
        }
        return pages.render(HttpStatus.OK, AuditView.of(workspace, given, page, List.of()), session, workspace, request);
    }

    /** The entries the page's filters select, as JSON lines (the lines of GET /v1/audit/export); a bad filter is a 400 page. */
    @Get(value = "/export{?actor,action,outcome,since,until,cursor}", produces = {AuditExport.NDJSON, "text/html"})
    public MutableHttpResponse<?> export(String workspaceId, @QueryValue @Nullable String actor, @QueryValue @Nullable String action,
                                         @QueryValue @Nullable String outcome, @QueryValue @Nullable String since,
                                         @QueryValue @Nullable String until, @QueryValue @Nullable String cursor, ConsoleSession session,
                                         HttpRequest<?> request) {
        Workspace workspace = workspaces.require(workspaceId, session);
        Map<String, String> given = given(actor, action, outcome, since, until);
        try {
            return AuditExport.of(list.list(query(workspace, given, ListAuditEntriesQuery.MAX_EXPORT_LIMIT, cursor)), json)
                    .header("Content-Disposition", "attachment; filename=\"audit-" + workspace.name().value() + ".ndjson\"")
                    .header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff");
        } catch (InvalidInputException e) {
            return pages.render(HttpStatus.BAD_REQUEST, AuditView.of(workspace, given, new Page<>(List.of(), Optional.empty()),
                    e.violations().stream().map(v -> v.field() + ": " + v.message()).toList()), session, workspace, request);
        }
    }

    private static ListAuditEntriesQuery query(Workspace workspace, Map<String, String> given, int limit, @Nullable String cursor) {
        return AuditQueries.query(Optional.of(workspace.id()), emptyToNull(given.get("actor")), emptyToNull(given.get("action")),
                emptyToNull(given.get("outcome")), emptyToNull(given.get("since")), emptyToNull(given.get("until")), null, limit, limit,
                cursor, new ArrayList<>());
    }

    private static Map<String, String> given(@Nullable String actor, @Nullable String action, @Nullable String outcome,
                                             @Nullable String since, @Nullable String until) {
        List<String> values = java.util.Arrays.asList(actor, action, outcome, since, until);
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < FILTERS.size(); i++) {
            given.put(FILTERS.get(i), values.get(i) == null ? "" : values.get(i).strip());
        }
        return given;
    }

    /** A form's empty field is no filter (the API reads an empty time as a bad one; a form always sends every field). */
    private static String emptyToNull(@Nullable String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
