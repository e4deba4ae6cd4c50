package dev.latchkey.adapters.web.portal;

import dev.latchkey.application.port.in.AppView;
import dev.latchkey.application.port.in.DisconnectUseCase;
import dev.latchkey.domain.connection.Connection;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Disconnecting one of an app's connections: a confirmation page, and its form. */
@Controller("/portal/apps/{slug}/connections/{connectionId}/disconnect")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class PortalDisconnectController {
    private final PortalVisits visits;
    private final PortalApps apps;
    private final DisconnectUseCase disconnect;
    private final PortalPages pages;

    public PortalDisconnectController(PortalVisits visits, PortalApps apps, DisconnectUseCase disconnect, PortalPages pages) {
        this.visits = visits;
        this.apps = apps;
        this.disconnect = disconnect;
        this.pages = pages;
    }

    @Get
    public MutableHttpResponse<?> confirm(String slug, String connectionId, HttpRequest<?> request) {
        PortalVisit visit = visits.require(request);
        AppView app = apps.find(visit, slug).orElseThrow(() -> PortalRefusedException.notFound(visit));
        Connection connection = PortalApps.connection(app, connectionId).orElseThrow(() -> PortalRefusedException.notFound(visit));
        ConfirmDisconnectView view = new ConfirmDisconnectView(PortalTexts.forApp(visit.texts(), app.definition().name()),
                ConnectionView.label(connection, visit.texts()), visit.csrf(),
                "/portal/apps/" + slug + "/connections/" + connectionId + "/disconnect", "/portal/apps/" + slug);
        return pages.render(HttpStatus.OK, view, visit.page(), List.of(), request);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> disconnect(String slug, String connectionId, @Body Map<String, String> form, HttpRequest<?> request) {
        PortalVisit visit = visits.requireForm(request, form);
        Connection connection = apps.find(visit, slug).flatMap(a -> PortalApps.connection(a, connectionId))
                .orElseThrow(() -> PortalRefusedException.notFound(visit));
        disconnect.disconnect(visit.workspaceId(), visit.accountId(), connection.id());
        return HttpResponse.seeOther(URI.create("/portal/apps/" + slug + "?disconnected=" + connection.id()));
    }
}
