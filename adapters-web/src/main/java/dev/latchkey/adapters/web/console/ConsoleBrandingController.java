package dev.latchkey.adapters.web.console;

import dev.latchkey.application.port.in.BrandingView;
import dev.latchkey.application.port.in.GetBrandingUseCase;
import dev.latchkey.application.port.in.UpdateBrandingUseCase;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The portal's branding for a workspace: its name, colours and theme, with a preview in the portal's
 * look that follows the form as it is typed; saved by admin and owner. The other branding fields (logo,
 * labels, links...) keep their values and are edited through PUT /v1/branding.
 */
@Controller(ConsolePaths.ROOT + "/workspaces/{workspaceId}/branding")
@Requires(beans = ConsoleSettings.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class ConsoleBrandingController {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleBrandingController.class);

    private final ConsoleWorkspaces workspaces;
    private final GetBrandingUseCase get;
    private final UpdateBrandingUseCase update;
    private final ConsolePages pages;

    public ConsoleBrandingController(ConsoleWorkspaces workspaces, GetBrandingUseCase get, UpdateBrandingUseCase update, ConsolePages pages) {
        this.workspaces = workspaces;
        this.get = get;
        this.update = update;
        this.pages = pages;
    }

    @Get("{?saved}")
    public MutableHttpResponse<?> branding(String workspaceId, @QueryValue @Nullable String saved, ConsoleSession session, HttpRequest<?> request) {
        Workspace workspace = workspaces.require(workspaceId, session);
        BrandingView current = get.get(workspace.id());
        return pages.render(HttpStatus.OK, BrandingPageView.of(workspace, current.branding(), BrandingPageView.formOf(current.branding()),
                current.warnings(), List.of(), saved != null), session, workspace, request);
    }

    @ConsoleAction("console.updateBranding")
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> save(String workspaceId, @Body Map<String, String> form, ConsoleSession session, HttpRequest<?> request) {
        ConsoleChecks.csrf(session, form);
        Workspace workspace = workspaces.require(workspaceId, session);
        ConsoleChecks.mayChange(session, workspace);
        Branding current = get.get(workspace.id()).branding();
        Map<String, Object> fields = new HashMap<>(current.toFields());
        for (String field : BrandingPageView.EDITED) {
            String value = form.getOrDefault(field, "").strip();
            if (value.isEmpty()) {
                fields.remove(field);
            } else {
                fields.put(field, value);
            }
        }
        Branding edited;
        try {
            edited = Branding.parse(fields, "");
        } catch (InvalidInputException e) {
            Map<String, String> given = new HashMap<>();
            BrandingPageView.EDITED.forEach(f -> given.put(f, form.getOrDefault(f, "")));
            List<String> problems = e.violations().stream().map(v -> v.field() + ": " + v.message()).toList();
            return pages.render(HttpStatus.BAD_REQUEST, BrandingPageView.of(workspace, current, given, List.of(), problems, false),
                    session, workspace, request);
        }
        update.update(workspace.id(), edited);
        LOG.info("Console user {} changed the branding of workspace {}", session.subject(), workspace.id());
        return HttpResponse.seeOther(URI.create(ConsolePaths.workspace(workspaceId) + "/branding?saved=1"));
    }
}
