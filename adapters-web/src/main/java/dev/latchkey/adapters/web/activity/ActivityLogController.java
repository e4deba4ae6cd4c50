package dev.latchkey.adapters.web.activity;

import dev.latchkey.adapters.web.docs.ApiKeyProblems;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.json.ListResponse;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.GetActivityUseCase;
import dev.latchkey.application.port.in.ListActivitiesQuery;
import dev.latchkey.application.port.in.ListActivitiesUseCase;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.activity.ActivityFilter;
import dev.latchkey.domain.activity.ActivityId;
import dev.latchkey.domain.activity.ActivityKind;
import dev.latchkey.domain.activity.LoggedActivity;
import dev.latchkey.domain.activity.StatusRange;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

@Controller("/v1/logs")
@Secured(Roles.API_KEY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Activity log", description = "Every proxied request, refresh attempt and webhook delivery attempt, kept "
        + "LATCHKEY_LOG_RETENTION_DAYS days (14 by default).")
@SecurityRequirement(name = "apiKey")
@ApiKeyProblems
public class ActivityLogController {
    private final ListActivitiesUseCase list;
    private final GetActivityUseCase get;

    public ActivityLogController(ListActivitiesUseCase list, GetActivityUseCase get) {
        this.list = list;
        this.get = get;
    }

    @Get("{?linked_account_id,connection_id,connector,kind,status,since,until,limit,cursor}")
    @Operation(summary = "List the activity log", description = "Newest first. Filters: linked_account_id, connection_id, connector, "
            + "kind (proxy, refresh, webhook, mcp), status (a class such as 4xx or one status such as 429: matched against Latchkey's own "
            + "answer, or for background work without a caller against the provider's), since (inclusive) and until (exclusive) as "
            + "RFC 3339 times. Pass next_cursor as cursor for the next page (limit 1 to 200, 50 by default).")
    public ListResponse<ActivityResponse> list(@QueryValue("linked_account_id") @Nullable String linkedAccountId,
                                               @QueryValue("connection_id") @Nullable String connectionId,
                                               @QueryValue @Nullable String connector, @QueryValue @Nullable String kind,
                                               @QueryValue @Nullable String status,
                                               @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryValue @Nullable String since,
                                               @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryValue @Nullable String until,
                                               @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + ListActivitiesQuery.MAX_LIMIT))
                                               @QueryValue @Nullable String limit,
                                               @QueryValue @Nullable String cursor, Authentication caller) {
        List<FieldViolation> problems = new ArrayList<>();
        ActivityFilter filter = new ActivityFilter(Caller.workspace(caller),
                parse("linked_account_id", linkedAccountId, LinkedAccountId::new, problems),
                parse("connection_id", connectionId, ConnectionId::parse, problems),
                parse("connector", connector, ConnectorSlug::new, problems),
                parse("kind", kind, ActivityKind::fromWire, problems),
                parse("status", status, StatusRange::parse, problems),
                typed("since", since, ActivityLogController::time, problems),
                typed("until", until, ActivityLogController::time, problems));
        int pageSize = typed("limit", limit, ActivityLogController::limit, problems).orElse(ListActivitiesQuery.DEFAULT_LIMIT);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Page<LoggedActivity> page = list.list(new ListActivitiesQuery(filter, pageSize, Optional.ofNullable(cursor).filter(c -> !c.isEmpty())));
        return new ListResponse<>(page.items().stream().map(ActivityResponse::of).toList(), page.nextCursor().orElse(null));
    }

    @Get("/{id}")
    @ApiResponse(responseCode = "404", description = "activity_not_found: no such record in the caller's workspace (or past the retention)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(summary = "Get an activity record", description = "404 activity_not_found for an unknown id, or one of another workspace.")
    public ActivityResponse get(String id, Authentication caller) {
        ActivityId activityId;
        try {
            activityId = ActivityId.parse(id);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("id", e.getMessage());
        }
        return ActivityResponse.of(get.get(Caller.workspace(caller), activityId));
    }

    /** A text filter: left out or empty is absent. */
    private static <T> Optional<T> parse(String field, @Nullable String text, Function<String, T> reader, List<FieldViolation> problems) {
        return text == null || text.isEmpty() ? Optional.empty() : typed(field, text, reader, problems);
    }

    /** A filter the document types (a time, a number): left out is absent, but an empty value is not one of its type. */
    private static <T> Optional<T> typed(String field, @Nullable String text, Function<String, T> reader, List<FieldViolation> problems) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.apply(text));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldViolation(field, e.getMessage()));
            return Optional.empty();
        }
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an RFC 3339 time such as 2026-12-05T10:00:00Z");
        }
    }

    private static int limit(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= ListActivitiesQuery.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("must be a whole number from 1 to " + ListActivitiesQuery.MAX_LIMIT);
    }
}
