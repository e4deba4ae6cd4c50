package dev.latchkey.adapters.web.audit;

import dev.latchkey.adapters.web.docs.CredentialProblems;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.json.ListResponse;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.ListAuditEntriesQuery;
import dev.latchkey.application.port.in.ListAuditEntriesUseCase;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The operator's view of the audit log: every workspace's entries and the operator's own, one workspace's with workspace_id. */
@Controller("/admin/v1/audit")
@Requires(property = "latchkey.admin-token")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Operator")
@SecurityRequirement(name = "adminToken")
@CredentialProblems
@ApiResponse(responseCode = "403", description = "admin_token_required",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "404", description = "not_found: the admin API is off (LATCHKEY_ADMIN_TOKEN unset)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class AdminAuditLogController {
    private final ListAuditEntriesUseCase list;
    private final JsonMapper json;

    public AdminAuditLogController(ListAuditEntriesUseCase list, JsonMapper json) {
        this.list = list;
        this.json = json;
    }

    @Get("{?workspace_id,actor,action,outcome,since,until,limit,cursor}")
    @Operation(operationId = "listAllAuditEntries", summary = "List the audit log of every workspace",
            description = "Newest first, every workspace's entries and the operator's own; workspace_id for one workspace's. "
                    + AuditQueries.FILTERS + " Pass next_cursor as cursor for the next page (limit 1 to 200, 50 by default).")
    public ListResponse<AuditEntryResponse> list(@QueryValue("workspace_id") @Nullable String workspaceId,
                                                 @QueryValue @Nullable String actor, @QueryValue @Nullable String action,
                                                 @Parameter(schema = @Schema(type = "string", allowableValues = {"succeeded", "refused", "failed"}))
                                                 @QueryValue @Nullable String outcome,
                                                 @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryValue @Nullable String since,
                                                 @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryValue @Nullable String until,
                                                 @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + ListAuditEntriesQuery.MAX_LIMIT))
                                                 @QueryValue @Nullable String limit,
                                                 @QueryValue @Nullable String cursor) {
        List<FieldViolation> problems = new ArrayList<>();
        Optional<WorkspaceId> workspace = AuditQueries.typed("workspace_id", workspaceId, WorkspaceId::parse, problems);
        Page<AuditEntry> page = list.list(AuditQueries.query(workspace, actor, action, outcome, since, until,
                limit, ListAuditEntriesQuery.DEFAULT_LIMIT, ListAuditEntriesQuery.MAX_LIMIT, cursor, problems));
        return new ListResponse<>(page.items().stream().map(AuditEntryResponse::of).toList(), page.nextCursor().orElse(null));
    }

    @Get(uri = "/export{?workspace_id,actor,action,outcome,since,until,limit,cursor}", produces = {AuditExport.NDJSON, MediaType.APPLICATION_JSON_PROBLEM})
    @Operation(operationId = "exportAllAuditEntries", summary = "Export the audit log of every workspace as JSON lines",
            description = "As GET /admin/v1/audit, one entry per line, at most limit lines (1 to 1000, 1000 by default); "
                    + "the Next-Cursor header is the cursor of the next page when there are more.")
    @ApiResponse(responseCode = "200", description = "JSON lines (application/x-ndjson): one AuditEntry object per line",
            headers = @Header(name = AuditExport.NEXT_CURSOR, description = "The cursor of the next page; absent on the last page",
                    schema = @Schema(type = "string")),
            content = @Content(mediaType = AuditExport.NDJSON, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "204", description = "No entry matches")
    public HttpResponse<String> export(@QueryValue("workspace_id") @Nullable String workspaceId,
                                       @QueryValue @Nullable String actor, @QueryValue @Nullable String action,
                                       @Parameter(schema = @Schema(type = "string", allowableValues = {"succeeded", "refused", "failed"}))
                                       @QueryValue @Nullable String outcome,
                                       @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryValue @Nullable String since,
                                       @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryValue @Nullable String until,
                                       @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + ListAuditEntriesQuery.MAX_EXPORT_LIMIT))
                                       @QueryValue @Nullable String limit,
                                       @QueryValue @Nullable String cursor) {
        List<FieldViolation> problems = new ArrayList<>();
        Optional<WorkspaceId> workspace = AuditQueries.typed("workspace_id", workspaceId, WorkspaceId::parse, problems);
        return AuditExport.of(list.list(AuditQueries.query(workspace, actor, action, outcome, since, until,
                limit, ListAuditEntriesQuery.MAX_EXPORT_LIMIT, ListAuditEntriesQuery.MAX_EXPORT_LIMIT, cursor, problems)), json);
    }
}
