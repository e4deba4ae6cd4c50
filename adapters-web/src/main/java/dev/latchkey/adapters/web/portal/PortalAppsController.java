package dev.latchkey.adapters.web.portal;

import dev.latchkey.application.port.in.AppView;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.List;

/** The portal's first page: the apps the session may connect, each with its state. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class PortalAppsController {
    private final PortalVisits visits;
    private final PortalApps apps;
    private final PortalPages pages;

    public PortalAppsController(PortalVisits visits, PortalApps apps, PortalPages pages) {
        this.visits = visits;
        this.apps = apps;
        this.pages = pages;
    }

    @Get("/portal")
    public MutableHttpResponse<?> apps(HttpRequest<?> request) {
        PortalVisit visit = visits.require(request);
        List<AppView> visible = apps.visible(visit);
        AppsPageView view = new AppsPageView(visible.stream().map(a -> AppSummaryView.of(a, visit.texts())).toList(),
                PortalApps.connected(visible));
        return pages.render(HttpStatus.OK, view, visit.page(), List.of(), request);
    }
}
