package dev.latchkey.adapters.web.portal;

import dev.latchkey.application.port.in.AppView;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ConnectionStatus;
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

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An app's page, also where a connect, a disconnect and a config save land: their outcome comes in
 * the query string, which is anyone's to write, so the page claims (and posts to the host page)
 * only what the server can check.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class PortalAppController {
    /** What an error code in a result looks like (OAuth's and ours); anything else is not shown or posted. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z0-9_.\\-]{1,64}");

    private final PortalVisits visits;
    private final PortalApps apps;
    private final PortalAppPage appPage;

    public PortalAppController(PortalVisits visits, PortalApps apps, PortalAppPage appPage) {
        this.visits = visits;
        this.apps = apps;
        this.appPage = appPage;
    }

    @Get("/portal/apps/{slug}{?latchkey_status,connection_id,error,disconnected,config}")
    public MutableHttpResponse<?> app(String slug, @QueryValue("latchkey_status") @Nullable String status,
                                      @QueryValue("connection_id") @Nullable String connectionId, @QueryValue @Nullable String error,
                                      @QueryValue @Nullable String disconnected, @QueryValue @Nullable String config,
                                      HttpRequest<?> request) {
        PortalVisit visit = visits.require(request);
        AppView app = apps.require(visit, slug);
        Map<String, String> texts = PortalTexts.forApp(visit.texts(), app.definition().name());
        PortalResult result = null;
        StatusMessage message = null;
        Optional<Connection> verified = "connected".equals(status) && connectionId != null
                ? PortalApps.connection(app, connectionId).filter(c -> c.status() == ConnectionStatus.ACTIVE) : Optional.empty();
        if (verified.isPresent()) {
            result = PortalResult.connect("connected", slug, verified.get().id().toString(), null);
            message = StatusMessage.ok(texts.get("connected_message"));
        } else if ("error".equals(status)) {
            String code = error != null && ERROR_CODE.matcher(error).matches() ? error : null;
            result = PortalResult.connect("error", slug, null, code);
            message = StatusMessage.error(texts.get("connect_failed_message") + (code == null ? "" : " (" + code + ")"));
        } else if (disconnected != null && isConnectionId(disconnected) && PortalApps.connection(app, disconnected).isEmpty()) {
            result = PortalResult.connect("disconnected", slug, disconnected, null);
            message = StatusMessage.ok(texts.get("disconnected_message"));
        }
        ConfigState configState = "saved".equals(config) ? ConfigState.justSaved() : ConfigState.stored();
        if (configState.saved()) {
            result = PortalResult.configSaved(slug, visit.configId().value());
        }
        return appPage.render(HttpStatus.OK, visit, app, AppPageState.shown(result, message, configState), request);
    }

    private static boolean isConnectionId(String id) {
        try {
            ConnectionId.parse(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
