package dev.latchkey.adapters.web.portal;

import dev.latchkey.application.port.in.AppView;
import dev.latchkey.application.port.in.ConfigQuery;
import dev.latchkey.application.port.in.GetConfigUseCase;
import dev.latchkey.application.port.in.ListConfigOptionsQuery;
import dev.latchkey.application.port.in.ListConfigOptionsUseCase;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.config.ConfigField;
import dev.latchkey.domain.config.ConfigOption;
import dev.latchkey.domain.config.ConfigReadout;
import dev.latchkey.domain.config.FieldKind;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorParam;
import dev.latchkey.domain.connector.CredentialField;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds and renders an app's page ({@link AppPageView}), shared by its visit, the connect form's
 * answer and the config form's: connections, connect form, config form with provider options.
 */
@Singleton
public class PortalAppPage {
    private final PortalApps apps;
    private final GetConfigUseCase getConfig;
    private final ListConfigOptionsUseCase configOptions;
    private final PortalConfigForm configForm;
    private final PortalPages pages;

    public PortalAppPage(PortalApps apps, GetConfigUseCase getConfig, ListConfigOptionsUseCase configOptions, PortalConfigForm configForm,
                         PortalPages pages) {
        this.apps = apps;
        this.getConfig = getConfig;
        this.configOptions = configOptions;
        this.configForm = configForm;
        this.pages = pages;
    }

    public MutableHttpResponse<String> render(HttpStatus status, PortalVisit visit, AppView app, AppPageState state,
                                              HttpRequest<?> request) {
        ConnectorDefinition definition = app.definition();
        AuthCapabilities method = app.auth().getFirst();
        AppPageView view = view(visit, app, state);
        // CSP form-action covers the redirect to the provider's consent page: its origin, or any https one when the URL is templated.
        List<String> formTargets = method.redirect().map(r -> List.of(r.formTarget())).orElse(List.of());
        return pages.render(status, view, visit.page(), formTargets, request);
    }

    AppPageView view(PortalVisit visit, AppView app, AppPageState state) {
        ConnectorDefinition definition = app.definition();
        Map<String, String> texts = PortalTexts.forApp(visit.texts(), definition.name());
        String slug = definition.slug().value();
        List<ConnectionView> connections = app.connections().stream().map(c -> ConnectionView.of(slug, c, texts)).toList();
        return new AppPageView(texts, AppSummaryView.of(app, visit.texts()), state.result() == null ? null : pages.write(state.result().toModel()),
                state.message(), visit.csrf(), apps.connected(visit), connections, connectForm(app, state, texts),
                app.connected() ? configForm(visit, app, state.config(), texts) : null);
    }

    private static ConnectFormView connectForm(AppView app, AppPageState state, Map<String, String> texts) {
        ConnectorDefinition definition = app.definition();
        AuthCapabilities method = app.auth().getFirst();
        boolean reconnect = app.connected() && app.status().filter(s -> s != ConnectionStatus.ACTIVE).isPresent();
        boolean another = app.connected() && !reconnect;
        String title = reconnect ? texts.get("reconnect_button") : another ? texts.get("connect_another_button") : texts.get("connect_button");
        List<FormFieldView> fields = new ArrayList<>();
        for (ConnectorParam p : definition.params()) {
            fields.add(FormFieldView.of("params." + p.name(), p.label(), false, p.required(), p.helpText(), state.fieldErrors(),
                    state.values()));
        }
        for (CredentialField f : method.fields()) {
            fields.add(FormFieldView.of("credentials." + f.name(), f.label(), f.secret(), f.required(), f.helpText(), state.fieldErrors(),
                    state.values()));
        }
        return new ConnectFormView("/portal/apps/" + definition.slug().value() + "/connect", method.redirects(), method.type(), reconnect,
                title, method.redirects() ? texts.get("connect_oauth_help") : texts.get("connect_keys_help"), state.formError(), fields);
    }

    private @Nullable ConfigFormView configForm(PortalVisit visit, AppView app, ConfigState state, Map<String, String> texts) {
        String slug = app.definition().slug().value();
        ConfigQuery query = visit.configQuery(app.definition().slug());
        ConfigReadout readout;
        try {
            readout = getConfig.get(query).readout();
        } catch (NotFoundException e) {
            return null;
        }
        Map<String, Object> values = state.submitted() != null ? state.submitted() : PortalConfigForm.values(readout);
        Map<String, String> errors = new LinkedHashMap<>();
        if (state.submitted() == null) {
            errors.putAll(PortalConfigForm.errors(readout, values, readout.fieldErrors(), texts));
        }
        errors.putAll(state.errors());
        boolean usable = app.status().filter(s -> s == ConnectionStatus.ACTIVE).isPresent();
        Map<String, List<ConfigOption>> dynamic = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        for (ConfigReadout.FieldValue fv : readout.fields()) {
            ConfigField field = fv.field();
            labels.put(field.key(), field.label());
            if (optionsFromProvider(field) && usable && !field.hidden()) {
                try {
                    dynamic.put(field.key(), configOptions.options(new ListConfigOptionsQuery(query, field.key(), Optional.empty(),
                            Optional.empty())).items());
                } catch (ConflictException | ProviderException e) {
                    errors.putIfAbsent(field.key(), e.getMessage());
                }
            }
        }
        List<ConfigFormView.ConfigError> list = new ArrayList<>();
        errors.forEach((field, message) -> {
            String key = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
            list.add(ConfigFormView.ConfigError.of(field, labels.getOrDefault(key, field), message));
        });
        return new ConfigFormView("/portal/apps/" + slug + "/config", state.saved(), configForm.sections(readout, slug, values, errors, dynamic),
                texts.get("config_errors_title"), list);
    }

    private static boolean optionsFromProvider(ConfigField field) {
        return switch (field.kind()) {
            case FieldKind.Select s -> s.optionsFrom().isPresent();
            case FieldKind.Mapping m -> m.optionsFrom().isPresent();
            default -> false;
        };
    }
}
