package dev.latchkey.adapters.web.audit;

import dev.latchkey.adapters.web.docs.ApiKeyProblems;
import dev.latchkey.adapters.web.json.ListResponse;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.ListAuditEntriesQuery;
import dev.latchkey.application.port.in.ListAuditEntriesUseCase;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.audit.AuditEntry;
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
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.Optional;

/** The workspace's audit log: every change made through the API (and the console), kept append-only, never deleted. */
@Controller("/v1/audit")
@Secured(Roles.API_KEY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit log", description = "Every change made through the API or the console: who (an API key by its hint, a linked account's "
        + "session, the operator, a console user), what, to what, how it ended, when and from where. Append-only, kept without limit.")
@SecurityRequirement(name = "apiKey")
@ApiKeyProblems
public class AuditLogController {
    private final ListAuditEntriesUseCase list;
    private final JsonMapper json;

    public AuditLogController(ListAuditEntriesUseCase list, JsonMapper json) {
        this.list = list;
        this.json = json;
    }

    @Get("{?actor,action,outcome,since,until,limit,cursor}")
    @Operation(operationId = "listAuditEntries", summary = "List the audit log", description = "Newest first. " + AuditQueries.FILTERS
            + " Pass next_cursor as cursor for the next page (limit 1 to 200, 50 by default).")
    public ListResponse<AuditEntryResponse> list(@QueryValue @Nullable String actor, @QueryValue @Nullable String action,
                                                 @Parameter(schema = @Schema(type = "string", allowableValues = {"succeeded", "refused", "failed"}))
                                                 @QueryValue @Nullable String outcome,
                                                 @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryValue @Nullable String since,
                                                 @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryValue @Nullable String until,
                                                 @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + ListAuditEntriesQuery.MAX_LIMIT))
                                                 @QueryValue @Nullable String limit,
                                                 @QueryValue @Nullable String cursor, Authentication caller) {
        Page<AuditEntry> page = list.list(AuditQueries.query(Optional.of(Caller.workspace(caller)), actor, action, outcome, since, until,
                limit, ListAuditEntriesQuery.DEFAULT_LIMIT, ListAuditEntriesQuery.MAX_LIMIT, cursor, new ArrayList<>()));
        return new ListResponse<>(page.items().stream().map(AuditEntryResponse::of).toList(), page.nextCursor().orElse(null));
    }

    @Get(uri = "/export{?actor,action,outcome,since,until,limit,cursor}", produces = {AuditExport.NDJSON, MediaType.APPLICATION_JSON_PROBLEM})
    @Operation(operationId = "exportAuditEntries", summary = "Export the audit log as JSON lines",
            description = "One entry per line (the objects GET /v1/audit lists), newest first, the same filters; at most limit lines "
                    + "(1 to 1000, 1000 by default). When there are more, the Next-Cursor header is the cursor of the next page.")
    @ApiResponse(responseCode = "200", description = "JSON lines (application/x-ndjson): one AuditEntry object per line",
            headers = @Header(name = AuditExport.NEXT_CURSOR, description = "The cursor of the next page; absent on the last page",
                    schema = @Schema(type = "string")),
            content = @Content(mediaType = AuditExport.NDJSON, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "204", description = "No entry matches")
    public HttpResponse<String> export(@QueryValue @Nullable String actor, @QueryValue @Nullable String action,
                                       @Parameter(schema = @Schema(type = "string", allowableValues = {"succeeded", "refused", "failed"}))
                                       @QueryValue @Nullable String outcome,
                                       @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryValue @Nullable String since,
                                       @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryValue @Nullable String until,
                                       @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + ListAuditEntriesQuery.MAX_EXPORT_LIMIT))
                                       @QueryValue @Nullable String limit,
                                       @QueryValue @Nullable String cursor, Authentication caller) {
        return AuditExport.of(list.list(AuditQueries.query(Optional.of(Caller.workspace(caller)), actor, action, outcome, since, until,
                limit, ListAuditEntriesQuery.MAX_EXPORT_LIMIT, ListAuditEntriesQuery.MAX_EXPORT_LIMIT, cursor, new ArrayList<>())), json);
    }
}
