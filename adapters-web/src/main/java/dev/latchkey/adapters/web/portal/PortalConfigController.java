package dev.latchkey.adapters.web.portal;

import dev.latchkey.application.port.in.AppView;
import dev.latchkey.application.port.in.ConfigQuery;
import dev.latchkey.application.port.in.GetConfigUseCase;
import dev.latchkey.application.port.in.ListConfigOptionsQuery;
import dev.latchkey.application.port.in.ListConfigOptionsUseCase;
import dev.latchkey.application.port.in.SaveConfigCommand;
import dev.latchkey.application.port.in.SaveConfigUseCase;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.config.ConfigOption;
import dev.latchkey.domain.config.ConfigReadout;
import dev.latchkey.domain.config.InvalidConfigException;
import dev.latchkey.domain.connection.ProviderException;
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

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A connected app's config form: saving it, and the option search of its provider-backed fields. */
@Controller("/portal/apps/{slug}/config")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class PortalConfigController {
    private final PortalVisits visits;
    private final PortalApps apps;
    private final GetConfigUseCase getConfig;
    private final SaveConfigUseCase saveConfig;
    private final ListConfigOptionsUseCase configOptions;
    private final PortalConfigForm configForm;
    private final PortalAppPage appPage;

    public PortalConfigController(PortalVisits visits, PortalApps apps, GetConfigUseCase getConfig, SaveConfigUseCase saveConfig,
                                  ListConfigOptionsUseCase configOptions, PortalConfigForm configForm, PortalAppPage appPage) {
        this.visits = visits;
        this.apps = apps;
        this.getConfig = getConfig;
        this.saveConfig = saveConfig;
        this.configOptions = configOptions;
        this.configForm = configForm;
        this.appPage = appPage;
    }

    /** Saves the whole config form: every error at once (nothing saved), or back to the page with a confirmation. */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> save(String slug, @Body Map<String, String> form, HttpRequest<?> request) {
        PortalVisit visit = visits.requireForm(request, form);
        AppView app = apps.find(visit, slug).filter(AppView::connected).orElseThrow(() -> PortalRefusedException.notFound(visit));
        ConfigQuery query = visit.configQuery(app.definition().slug());
        ConfigReadout readout = getConfig.get(query).readout();
        Map<String, String> unreadable = new LinkedHashMap<>();
        Map<String, Object> values = configForm.read(readout, form, unreadable, visit.texts());
        List<FieldViolation> violations;
        if (unreadable.isEmpty()) {
            try {
                saveConfig.save(new SaveConfigCommand(query, values));
                return HttpResponse.seeOther(URI.create("/portal/apps/" + slug + "?config=saved"));
            } catch (InvalidConfigException e) {
                violations = e.violations();
            }
        } else {
            violations = PortalConfigForm.violations(readout, values, unreadable);
        }
        Map<String, String> errors = PortalConfigForm.errors(readout, values, violations, visit.texts());
        return appPage.render(HttpStatus.UNPROCESSABLE_ENTITY, visit, app, AppPageState.configRejected(PortalResult.configRejected(slug),
                ConfigState.submitted(values, errors)), request);
    }

    /** One page of a field's options for the form's search (same origin, the session cookie); JSON, so no portal page on refusal. */
    @Get("/options/{key}{?search,cursor}")
    public MutableHttpResponse<?> options(String slug, String key, @QueryValue @Nullable String search, @QueryValue @Nullable String cursor,
                                          HttpRequest<?> request) {
        Optional<PortalVisit> visit = visits.find(request);
        Optional<AppView> app = visit.flatMap(v -> apps.find(v, slug));
        if (app.isEmpty()) {
            return HttpResponse.notFound(Map.of("error", "not_found")).header("Cache-Control", "no-store");
        }
        try {
            Page<ConfigOption> page = configOptions.options(new ListConfigOptionsQuery(visit.get().configQuery(app.get().definition().slug()),
                    key, Optional.ofNullable(search).filter(q -> !q.isEmpty()), Optional.ofNullable(cursor).filter(c -> !c.isEmpty())));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("data", page.items().stream().map(o -> Map.of("label", o.label(), "value", o.value())).toList());
            body.put("next_cursor", page.nextCursor().orElse(null));
            return HttpResponse.ok(body).header("Cache-Control", "no-store");
        } catch (ConflictException | NotFoundException | ProviderException | IllegalArgumentException | InvalidInputException e) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage())).header("Cache-Control", "no-store");
        }
    }
}
