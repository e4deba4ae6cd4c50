package dev.latchkey.adapters.web.console;

import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;
import java.util.List;

/** The console's entry: the workspaces to pick from. */
@Controller(ConsolePaths.ROOT)
@Requires(beans = ConsoleSettings.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class ConsoleHomeController {
    private final ConsoleWorkspaces workspaces;
    private final ConsolePages pages;

    public ConsoleHomeController(ConsoleWorkspaces workspaces, ConsolePages pages) {
        this.workspaces = workspaces;
        this.pages = pages;
    }

    @Get
    public MutableHttpResponse<?> home(ConsoleSession session) {
        return HttpResponse.seeOther(URI.create(ConsolePaths.ROOT + "/workspaces"));
    }

    @Get("/workspaces")
    public MutableHttpResponse<?> workspaces(ConsoleSession session, HttpRequest<?> request) {
        List<Workspace> all = workspaces.all(session);
        return pages.render(HttpStatus.OK, new WorkspacesView(all.stream().map(WorkspacesView.Row::of).toList()), session, null, request);
    }
}
