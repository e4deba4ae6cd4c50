package dev.latchkey.adapters.web.portal;

import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.application.port.in.AppView;
import dev.latchkey.application.port.in.ConnectAppCommand;
import dev.latchkey.application.port.in.ConnectAppUseCase;
import dev.latchkey.application.port.in.ConnectResult;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.connection.PendingAuthorization;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.ConnectorParam;
import dev.latchkey.domain.connector.CredentialField;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The connect form: credentials and params to a connection, or a redirect to the OAuth provider;
 * refused input comes back as the app page with each field's error (secrets are never sent back).
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class PortalConnectController {
    private static final String CREDENTIALS = "credentials.";
    private static final String PARAMS = "params.";

    private final PortalVisits visits;
    private final PortalApps apps;
    private final ConnectAppUseCase connect;
    private final PortalAppPage appPage;
    private final PublicUrl publicUrl;

    public PortalConnectController(PortalVisits visits, PortalApps apps, ConnectAppUseCase connect, PortalAppPage appPage,
                                   PublicUrl publicUrl) {
        this.visits = visits;
        this.apps = apps;
        this.connect = connect;
        this.appPage = appPage;
        this.publicUrl = publicUrl;
    }

    @Post(value = "/portal/apps/{slug}/connect", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> connect(String slug, @Body Map<String, String> form, HttpRequest<?> request) {
        PortalVisit visit = visits.requireForm(request, form);
        AppView app = apps.require(visit, slug);
        Map<String, String> credentials = new LinkedHashMap<>();
        Map<String, String> params = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith(CREDENTIALS) && !value.isEmpty()) {
                credentials.put(name.substring(CREDENTIALS.length()), value);
            } else if (name.startsWith(PARAMS) && !value.isEmpty()) {
                params.put(name.substring(PARAMS.length()), value);
            }
        });
        Optional<String> authType = Optional.ofNullable(form.get("auth_type")).filter(t -> !t.isEmpty());
        String returnUrl = publicUrl.portalBase() + "apps/" + slug;
        try {
            ConnectResult result = connect.connect(new ConnectAppCommand(visit.workspaceId(), visit.accountId(), app.definition().slug(),
                    authType, params, credentials, PendingAuthorization.Mode.REDIRECT, Optional.of(returnUrl)));
            return switch (result) {
                // A framed portal's script asks for the address, to send the window it opened there.
                case ConnectResult.Redirect r when wantsJson(request) -> HttpResponse.ok(Map.of("authorization_url",
                        r.authorizationUrl().toString())).header("Cache-Control", "no-store");
                case ConnectResult.Redirect r -> HttpResponse.seeOther(r.authorizationUrl()).header("Cache-Control", "no-store");
                case ConnectResult.Connected c -> HttpResponse.seeOther(URI.create("/portal/apps/" + slug
                        + "?latchkey_status=connected&connection_id=" + c.connection().id()));
            };
        } catch (InvalidInputException e) {
            Map<String, String> fieldErrors = new HashMap<>();
            Set<String> required = requiredInputs(app);
            for (FieldViolation v : e.violations()) {
                boolean requiredAndEmpty = required.contains(v.field()) && form.getOrDefault(v.field(), "").isEmpty();
                fieldErrors.put(v.field(), requiredAndEmpty ? visit.texts().get("required_field") : v.message());
            }
            Map<String, String> kept = new HashMap<>();
            params.forEach((name, value) -> kept.put(PARAMS + name, value));
            String general = fieldErrors.keySet().stream().anyMatch(f -> !f.startsWith(CREDENTIALS) && !f.startsWith(PARAMS))
                    ? e.getMessage() : null;
            return appPage.render(HttpStatus.UNPROCESSABLE_ENTITY, visit, app, AppPageState.connectRejected(fieldErrors, kept, general),
                    request);
        } catch (ProviderException | ConflictException | NotFoundException e) {
            Map<String, String> texts = PortalTexts.forApp(visit.texts(), app.definition().name());
            return appPage.render(HttpStatus.UNPROCESSABLE_ENTITY, visit, app, AppPageState.connectFailed(
                    texts.get("connect_failed_message") + " " + e.getMessage(), PortalResult.connect("error", slug, null, code(e))), request);
        }
    }

    /** The connect form's required inputs, by their names ({@code params.x}, {@code credentials.y}). */
    private static Set<String> requiredInputs(AppView app) {
        Set<String> names = new HashSet<>();
        app.definition().params().stream().filter(ConnectorParam::required).forEach(p -> names.add(PARAMS + p.name()));
        app.auth().getFirst().fields().stream().filter(CredentialField::required).forEach(f -> names.add(CREDENTIALS + f.name()));
        return names;
    }

    private static boolean wantsJson(HttpRequest<?> request) {
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.APPLICATION_JSON);
    }

    /** The result's error code: what the host page may tell apart. */
    private static String code(RuntimeException e) {
        return switch (e) {
            case ProviderException p -> p.kind() == ProviderException.Kind.REJECTED ? "credentials_rejected" : "provider_unavailable";
            case ConflictException c -> c.code();
            case NotFoundException n -> n.code();
            default -> "error";
        };
    }
}
