package dev.latchkey.adapters.web.console;

import dev.latchkey.application.port.in.ListActivitiesQuery;
import dev.latchkey.application.port.in.ListActivitiesUseCase;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.activity.ActivityFilter;
import dev.latchkey.domain.activity.ActivityKind;
import dev.latchkey.domain.activity.LoggedActivity;
import dev.latchkey.domain.activity.StatusRange;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
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
import java.util.function.Function;

/** A workspace's activity log (proxied calls, refreshes, webhook deliveries), newest first, with the API's filters. */
@Controller(ConsolePaths.ROOT + "/workspaces/{workspaceId}/activity")
@Requires(beans = ConsoleSettings.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class ConsoleActivityController {
    static final int PAGE_SIZE = 50;

    private final ConsoleWorkspaces workspaces;
    private final ListActivitiesUseCase activities;
    private final ConsolePages pages;

    public ConsoleActivityController(ConsoleWorkspaces workspaces, ListActivitiesUseCase activities, ConsolePages pages) {
        this.workspaces = workspaces;
        this.activities = activities;
        this.pages = pages;
    }

    @Get("{?linked_account_id,connection_id,connector,kind,status,cursor}")
    public MutableHttpResponse<?> activity(String workspaceId, @QueryValue("linked_account_id") @Nullable String linkedAccountId,
                                           @QueryValue("connection_id") @Nullable String connectionId, @QueryValue @Nullable String connector,
                                           @QueryValue @Nullable String kind, @QueryValue @Nullable String status,
                                           @QueryValue @Nullable String cursor, ConsoleSession session, HttpRequest<?> request) {
        Workspace workspace = workspaces.require(workspaceId, session);
        Map<String, String> given = new LinkedHashMap<>();
        given.put("linked_account_id", blankToEmpty(linkedAccountId));
        given.put("connection_id", blankToEmpty(connectionId));
        given.put("connector", blankToEmpty(connector));
        given.put("kind", blankToEmpty(kind));
        given.put("status", blankToEmpty(status));
        List<String> problems = new ArrayList<>();
        ActivityFilter filter = new ActivityFilter(workspace.id(),
                parse("linked_account_id", linkedAccountId, LinkedAccountId::new, problems),
                parse("connection_id", connectionId, ConnectionId::parse, problems),
                parse("connector", connector, ConnectorSlug::new, problems),
                parse("kind", kind, ActivityKind::fromWire, problems),
                parse("status", status, StatusRange::parse, problems),
                Optional.empty(), Optional.empty());
        if (!problems.isEmpty()) {
            return pages.render(HttpStatus.BAD_REQUEST, ActivityView.of(workspace, given, new Page<>(List.of(), Optional.empty()), problems),
                    session, workspace, request);
        }
        Page<LoggedActivity> page;
        try {
            page = activities.list(new ListActivitiesQuery(filter, PAGE_SIZE, Optional.ofNullable(cursor).filter(c -> !c.isEmpty())));
        } catch (IllegalArgumentException e) {
            page = activities.list(new ListActivitiesQuery(filter, PAGE_SIZE, Optional.empty()));
        }
        return pages.render(HttpStatus.OK, ActivityView.of(workspace, given, page, List.of()), session, workspace, request);
    }

    private static String blankToEmpty(@Nullable String text) {
        return text == null ? "" : text.strip();
    }

    private static <T> Optional<T> parse(String field, @Nullable String text, Function<String, T> reader, List<String> problems) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.apply(text.strip()));
        } catch (IllegalArgumentException e) {
            problems.add(field + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
