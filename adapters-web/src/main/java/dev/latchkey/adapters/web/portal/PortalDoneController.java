package dev.latchkey.adapters.web.portal;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Done: back to the company's app with what is connected now; without a return URL, a page saying the customer may close it. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class PortalDoneController {
    private final PortalVisits visits;
    private final PortalApps apps;
    private final PortalPages pages;

    public PortalDoneController(PortalVisits visits, PortalApps apps, PortalPages pages) {
        this.visits = visits;
        this.apps = apps;
        this.pages = pages;
    }

    @Get("/portal/done")
    public MutableHttpResponse<?> done(HttpRequest<?> request) {
        PortalVisit visit = visits.require(request);
        String connected = apps.connected(visit);
        // Only to one of the workspace's allowed origins.
        Optional<String> returnUrl = visit.scope().returnUrl().filter(url -> visit.portal().allowedOrigins().allows(url));
        if (returnUrl.isPresent()) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("latchkey_status", "done");
            params.put("connected", connected);
            return HttpResponse.seeOther(URI.create(ReturnUrl.withParams(returnUrl.get(), params))).header("Cache-Control", "no-store");
        }
        return pages.render(HttpStatus.OK, MessageView.of(visit.texts().get("done_title"), visit.texts().get("done_text")), visit.page(),
                List.of(), request);
    }
}
