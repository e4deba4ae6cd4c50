package dev.latchkey.adapters.web.portal;

import dev.latchkey.adapters.web.error.RetryAfter;
import dev.latchkey.adapters.web.security.AuthFailureThrottle;
import dev.latchkey.adapters.web.security.ClientAddresses;
import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.application.port.in.AppView;
import dev.latchkey.application.port.in.ConfigQuery;
import dev.latchkey.application.port.in.GetConfigUseCase;
import dev.latchkey.application.port.in.ListConfigOptionsQuery;
import dev.latchkey.application.port.in.ListConfigOptionsUseCase;
import dev.latchkey.application.port.in.SaveConfigCommand;
import dev.latchkey.application.port.in.SaveConfigUseCase;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.config.ConfigField;
import dev.latchkey.domain.config.ConfigId;
import dev.latchkey.domain.config.ConfigOption;
import dev.latchkey.domain.config.ConfigReadout;
import dev.latchkey.domain.config.FieldKind;
import dev.latchkey.domain.config.InvalidConfigException;
import dev.latchkey.application.port.in.ConnectAppCommand;
import dev.latchkey.application.port.in.ConnectAppUseCase;
import dev.latchkey.application.port.in.ConnectResult;
import dev.latchkey.application.port.in.DisconnectUseCase;
import dev.latchkey.application.port.in.GetAppUseCase;
import dev.latchkey.application.port.in.GetPortalSessionUseCase;
import dev.latchkey.application.port.in.ListAppsUseCase;
import dev.latchkey.application.port.in.OpenConnectLinkUseCase;
import dev.latchkey.application.port.in.OpenConnectLinkResult;
import dev.latchkey.application.port.in.PortalView;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connection.PendingAuthorization;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorParam;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.connector.CredentialField;
import dev.latchkey.domain.portal.PortalSession;
import dev.latchkey.domain.workspace.AllowedOrigins;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
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
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosted portal: {@code /connect/{code}} trades a connect link for a session cookie, then the
 * server-rendered pages under {@code /portal} let the customer connect, reconnect and disconnect
 * apps. Every page is scoped to the session's workspace, linked account and link restrictions;
 * every form carries a CSRF token derived from the session.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class PortalController {
    static final String COOKIE = "latchkey_portal";
    static final String CSRF_FIELD = "_csrf";
    /** What an error code in a result looks like (OAuth's and ours); anything else is not shown or posted. */
    private static final java.util.regex.Pattern ERROR_CODE = java.util.regex.Pattern.compile("[a-z0-9_.\\-]{1,64}");

    private final OpenConnectLinkUseCase open;
    private final GetPortalSessionUseCase sessions;
    private final ListAppsUseCase listApps;
    private final GetAppUseCase getApp;
    private final ConnectAppUseCase connect;
    private final DisconnectUseCase disconnect;
    private final GetConfigUseCase getConfig;
    private final SaveConfigUseCase saveConfig;
    private final ListConfigOptionsUseCase configOptions;
    private final PortalConfigForm configForm;
    private final PortalPages pages;
    private final PublicUrl publicUrl;
    private final AuthFailureThrottle throttle;
    private final ClientAddresses clientAddresses;
    private final String script;

    public PortalController(OpenConnectLinkUseCase open, GetPortalSessionUseCase sessions, ListAppsUseCase listApps, GetAppUseCase getApp,
                            ConnectAppUseCase connect, DisconnectUseCase disconnect, GetConfigUseCase getConfig,
                            SaveConfigUseCase saveConfig, ListConfigOptionsUseCase configOptions, PortalConfigForm configForm,
                            PortalPages pages, PublicUrl publicUrl, AuthFailureThrottle throttle, ClientAddresses clientAddresses) {
        this.getConfig = getConfig;
        this.saveConfig = saveConfig;
        this.configOptions = configOptions;
        this.configForm = configForm;
        this.open = open;
        this.sessions = sessions;
        this.listApps = listApps;
        this.getApp = getApp;
        this.connect = connect;
        this.disconnect = disconnect;
        this.pages = pages;
        this.publicUrl = publicUrl;
        this.throttle = throttle;
        this.clientAddresses = clientAddresses;
        this.script = PortalPages.resource("portal/portal.js");
    }

    /** The link's one visit: a session cookie, and a redirect to a clean URL (no code in history, referrers or logs). */
    @Get("/connect/{code}")
    public MutableHttpResponse<?> openLink(String code, HttpRequest<?> request) {
        OpenConnectLinkResult opened = open.open(code);
        return switch (opened) {
            case OpenConnectLinkResult.Refused refused -> {
                // A code that opens nothing is a failed authentication: guessing codes is throttled like guessing keys.
                Optional<Duration> wait = throttle.failed(clientAddresses.of(request.getRemoteAddress(),
                        request.getHeaders().getAll(ClientAddresses.FORWARDED_FOR)));
                PortalPages.Page page = pages.page(request, refused.branding(), refused.frameParents());
                MutableHttpResponse<String> answer = message(wait.isPresent() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.GONE, page,
                        page.texts().get("link_invalid_title"), page.texts().get("link_invalid_text"), null, request);
                wait.ifPresent(w -> answer.header(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(w)));
                yield answer;
            }
            case OpenConnectLinkResult.Opened o -> HttpResponse.seeOther(URI.create("/portal"))
                    .header(HttpHeaders.SET_COOKIE, sessionCookie(o.sessionSecret(), PortalSession.LIFETIME.toSeconds(),
                            publicUrl.isHttps(), framed(request)))
                    .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
        };
    }

    @Get("/portal/assets/portal.js")
    public MutableHttpResponse<String> script() {
        return HttpResponse.ok(script).contentType("text/javascript;charset=utf-8").header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "public, max-age=300");
    }

    @Get("/portal")
    public MutableHttpResponse<?> apps(HttpRequest<?> request) {
        Optional<PortalView> found = session(request);
        if (found.isEmpty()) {
            return expired(request);
        }
        PortalView portal = found.get();
        PortalPages.Page page = page(request, portal);
        List<Map<String, Object>> apps = new ArrayList<>();
        for (AppView app : visibleApps(portal)) {
            Map<String, Object> item = appSummary(app, page.texts());
            item.put("href", "/portal/apps/" + app.definition().slug().value());
            apps.add(item);
        }
        return pages.render(HttpStatus.OK, "apps", page, Map.of("apps", apps, "connected", String.join(",", connectedApps(portal))),
                List.of(), request);
    }

    @Get("/portal/apps/{slug}{?latchkey_status,connection_id,error,disconnected,config}")
    public MutableHttpResponse<?> app(String slug, @QueryValue("latchkey_status") @Nullable String status,
                                      @QueryValue("connection_id") @Nullable String connectionId, @QueryValue @Nullable String error,
                                      @QueryValue @Nullable String disconnected, @QueryValue @Nullable String config,
                                      HttpRequest<?> request) {
        Optional<PortalView> found = session(request);
        if (found.isEmpty()) {
            return expired(request);
        }
        PortalView portal = found.get();
        Optional<AppView> app = app(portal, slug);
        if (app.isEmpty()) {
            return notFound(portal, request);
        }
        Map<String, Object> result = null;
        Map<String, String> message = null;
        Map<String, String> texts = PortalTexts.forApp(page(request, portal).texts(), app.get().definition().name());
        // The query string is anyone's to write: claim (and post to the host page) only what the server can check.
        Optional<Connection> verified = "connected".equals(status) && connectionId != null
                ? connection(app.get(), connectionId).filter(c -> c.status() == ConnectionStatus.ACTIVE) : Optional.empty();
        if (verified.isPresent()) {
            result = result("connected", slug, verified.get().id().toString(), null);
            message = Map.of("kind", "ok", "text", texts.get("connected_message"));
        } else if ("error".equals(status)) {
            String code = error != null && ERROR_CODE.matcher(error).matches() ? error : null;
            result = result("error", slug, null, code);
            message = Map.of("kind", "error", "text", texts.get("connect_failed_message") + (code == null ? "" : " (" + code + ")"));
        } else if (disconnected != null && isUuid(disconnected) && connection(app.get(), disconnected).isEmpty()) {
            result = result("disconnected", slug, disconnected, null);
            message = Map.of("kind", "ok", "text", texts.get("disconnected_message"));
        }
        ConfigState configState = "saved".equals(config) ? ConfigState.justSaved() : ConfigState.stored();
        if (configState.saved()) {
            result = result("config_saved", slug, null, null);
            result.put("type", "config_result");
            result.put("config_id", configId(portal).value());
        }
        return appPage(HttpStatus.OK, portal, app.get(), Map.of(), Map.of(), null, result, message, configState, request);
    }

    /** Saves the whole config form: every error at once (nothing saved), or back to the page with a confirmation. */
    @Post(value = "/portal/apps/{slug}/config", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> saveConfig(String slug, @Body Map<String, String> form, HttpRequest<?> request) {
        Optional<PortalView> found = session(request);
        if (found.isEmpty()) {
            return expired(request);
        }
        PortalView portal = found.get();
        if (!csrfValid(request, form)) {
            return forbidden(portal, request);
        }
        Optional<AppView> app = app(portal, slug);
        if (app.isEmpty() || !app.get().connected()) {
            return notFound(portal, request);
        }
        ConfigQuery query = configQuery(portal, app.get().definition().slug());
        ConfigReadout readout = getConfig.get(query).readout();
        Map<String, String> texts = page(request, portal).texts();
        Map<String, String> unreadable = new LinkedHashMap<>();
        Map<String, Object> values = configForm.read(readout, form, unreadable, texts);
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
        Map<String, String> errors = PortalConfigForm.errors(readout, values, violations, texts);
        Map<String, Object> result = result("error", slug, null, "invalid_config");
        result.put("type", "config_result");
        return appPage(HttpStatus.UNPROCESSABLE_ENTITY, portal, app.get(), Map.of(), Map.of(), null, result, null,
                ConfigState.submitted(values, errors), request);
    }

    /** One page of a field's options for the form's search (same origin, the session cookie). */
    @Get("/portal/apps/{slug}/config/options/{key}{?search,cursor}")
    public MutableHttpResponse<?> configOptions(String slug, String key, @QueryValue @Nullable String search,
                                                @QueryValue @Nullable String cursor, HttpRequest<?> request) {
        Optional<PortalView> found = session(request);
        Optional<AppView> app = found.flatMap(p -> app(p, slug));
        if (app.isEmpty()) {
            return HttpResponse.notFound(Map.of("error", "not_found")).header("Cache-Control", "no-store");
        }
        try {
            Page<ConfigOption> page = configOptions.options(new ListConfigOptionsQuery(configQuery(found.get(), app.get().definition().slug()),
                    key, Optional.ofNullable(search).filter(q -> !q.isEmpty()), Optional.ofNullable(cursor).filter(c -> !c.isEmpty())));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("data", page.items().stream().map(o -> Map.of("label", o.label(), "value", o.value())).toList());
            body.put("next_cursor", page.nextCursor().orElse(null));
            return HttpResponse.ok(body).header("Cache-Control", "no-store");
        } catch (ConflictException | NotFoundException | ProviderException | IllegalArgumentException | InvalidInputException e) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage())).header("Cache-Control", "no-store");
        }
    }

    @Post(value = "/portal/apps/{slug}/connect", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> connect(String slug, @Body Map<String, String> form, HttpRequest<?> request) {
        Optional<PortalView> found = session(request);
        if (found.isEmpty()) {
            return expired(request);
        }
        PortalView portal = found.get();
        if (!csrfValid(request, form)) {
            return forbidden(portal, request);
        }
        Optional<AppView> app = app(portal, slug);
        if (app.isEmpty()) {
            return notFound(portal, request);
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        Map<String, String> params = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("credentials.") && !value.isEmpty()) {
                credentials.put(name.substring("credentials.".length()), value);
            } else if (name.startsWith("params.") && !value.isEmpty()) {
                params.put(name.substring("params.".length()), value);
            }
        });
        Optional<String> authType = Optional.ofNullable(form.get("auth_type")).filter(t -> !t.isEmpty());
        String returnUrl = publicUrl.portalBase() + "apps/" + slug;
        try {
            ConnectResult result = connect.connect(new ConnectAppCommand(portal.session().workspaceId(), portal.session().accountId(),
                    app.get().definition().slug(), authType, params, credentials, PendingAuthorization.Mode.REDIRECT,
                    Optional.of(returnUrl)));
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
            Map<String, String> texts = page(request, portal).texts();
            for (FieldViolation v : e.violations()) {
                boolean requiredAndEmpty = requiredFields(app.get()).contains(v.field())
                        && form.getOrDefault(v.field(), "").isEmpty();
                fieldErrors.put(v.field(), requiredAndEmpty ? texts.get("required_field") : v.message());
            }
            Map<String, String> kept = new HashMap<>(params.entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(p -> "params." + p.getKey(), Map.Entry::getValue)));
            String general = fieldErrors.keySet().stream().anyMatch(f -> !f.startsWith("credentials.") && !f.startsWith("params."))
                    ? e.getMessage() : null;
            return appPage(HttpStatus.UNPROCESSABLE_ENTITY, portal, app.get(), fieldErrors, kept, general, null, null, ConfigState.stored(),
                    request);
        } catch (ProviderException | ConflictException | NotFoundException e) {
            Map<String, String> texts = PortalTexts.forApp(page(request, portal).texts(), app.get().definition().name());
            return appPage(HttpStatus.UNPROCESSABLE_ENTITY, portal, app.get(), Map.of(), Map.of(),
                    texts.get("connect_failed_message") + " " + e.getMessage(), result("error", slug, null, code(e)), null,
                    ConfigState.stored(), request);
        }
    }

    @Get("/portal/apps/{slug}/connections/{connectionId}/disconnect")
    public MutableHttpResponse<?> confirmDisconnect(String slug, String connectionId, HttpRequest<?> request) {
        Optional<PortalView> found = session(request);
        if (found.isEmpty()) {
            return expired(request);
        }
        PortalView portal = found.get();
        Optional<AppView> app = app(portal, slug);
        Optional<Connection> connection = app.flatMap(a -> connection(a, connectionId));
        if (connection.isEmpty()) {
            return notFound(portal, request);
        }
        PortalPages.Page page = page(request, portal);
        Map<String, Object> model = new HashMap<>();
        model.put("t", PortalTexts.forApp(page.texts(), app.get().definition().name()));
        model.put("label", connectionLabel(connection.get(), page.texts()));
        model.put("csrf", csrf(request));
        model.put("action", "/portal/apps/" + slug + "/connections/" + connectionId + "/disconnect");
        model.put("cancel_href", "/portal/apps/" + slug);
        return pages.render(HttpStatus.OK, "confirm", page, model, List.of(), request);
    }

    @Post(value = "/portal/apps/{slug}/connections/{connectionId}/disconnect", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> disconnect(String slug, String connectionId, @Body Map<String, String> form, HttpRequest<?> request) {
        Optional<PortalView> found = session(request);
        if (found.isEmpty()) {
            return expired(request);
        }
        PortalView portal = found.get();
        if (!csrfValid(request, form)) {
            return forbidden(portal, request);
        }
        Optional<Connection> connection = app(portal, slug).flatMap(a -> connection(a, connectionId));
        if (connection.isEmpty()) {
            return notFound(portal, request);
        }
        disconnect.disconnect(portal.session().workspaceId(), portal.session().accountId(), connection.get().id());
        return HttpResponse.seeOther(URI.create("/portal/apps/" + slug + "?disconnected=" + connection.get().id()));
    }

    /** Back to the company's app with what is connected now; without a return URL, a page saying the customer may close it. */
    @Get("/portal/done")
    public MutableHttpResponse<?> done(HttpRequest<?> request) {
        Optional<PortalView> found = session(request);
        if (found.isEmpty()) {
            return expired(request);
        }
        PortalView portal = found.get();
        List<String> connected = connectedApps(portal);
        Optional<String> returnUrl = portal.session().scope().returnUrl().filter(url -> portal.allowedOrigins().allows(url));
        if (returnUrl.isPresent()) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("latchkey_status", "done");
            params.put("connected", String.join(",", connected));
            return HttpResponse.seeOther(URI.create(withParams(returnUrl.get(), params))).header("Cache-Control", "no-store");
        }
        PortalPages.Page page = page(request, portal);
        return message(HttpStatus.OK, page, page.texts().get("done_title"), page.texts().get("done_text"), null, request);
    }

    // --- pages ---

    private MutableHttpResponse<String> appPage(HttpStatus status, PortalView portal, AppView app, Map<String, String> fieldErrors,
                                                Map<String, String> values, @Nullable String formError,
                                                @Nullable Map<String, Object> result, @Nullable Map<String, String> message,
                                                ConfigState configState, HttpRequest<?> request) {
        PortalPages.Page page = page(request, portal);
        ConnectorDefinition definition = app.definition();
        Map<String, String> texts = PortalTexts.forApp(page.texts(), definition.name());
        String slug = definition.slug().value();
        Map<String, Object> model = new HashMap<>();
        model.put("t", texts);
        Map<String, Object> summary = appSummary(app, page.texts());
        summary.put("connected", app.connected());
        model.put("app", summary);
        model.put("result", result == null ? null : pages.write(result));
        model.put("message", message);
        model.put("csrf", csrf(request));
        model.put("connected", String.join(",", connectedApps(portal)));
        List<Map<String, Object>> connections = new ArrayList<>();
        for (Connection c : app.connections()) {
            Map<String, Object> item = new HashMap<>();
            item.put("label", connectionLabel(c, texts));
            item.put("state", c.status() == ConnectionStatus.ACTIVE ? "connected" : "expired");
            item.put("state_text", c.status() == ConnectionStatus.ACTIVE ? texts.get("status_connected") : texts.get("status_needs_reconnect"));
            item.put("disconnect_href", "/portal/apps/" + slug + "/connections/" + c.id() + "/disconnect");
            connections.add(item);
        }
        model.put("connections", connections);
        AuthMethod method = definition.auth().getFirst();
        boolean reconnect = app.connected() && app.status().filter(s -> s != ConnectionStatus.ACTIVE).isPresent();
        Map<String, Object> form = new HashMap<>();
        form.put("action", "/portal/apps/" + slug + "/connect");
        form.put("oauth", method.redirects());
        form.put("auth_type", method.type());
        form.put("reconnect", reconnect);
        boolean another = app.connected() && !reconnect;
        String title = reconnect ? texts.get("reconnect_button") : another ? texts.get("connect_another_button") : texts.get("connect_button");
        form.put("title", title);
        form.put("button", title);
        form.put("help", method.redirects() ? texts.get("connect_oauth_help") : texts.get("connect_keys_help"));
        form.put("error", formError);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (ConnectorParam p : definition.params()) {
            fields.add(field("params." + p.name(), p.label(), false, p.required(), p.helpText(), fieldErrors, values));
        }
        for (CredentialField f : method.fields()) {
            fields.add(field("credentials." + f.name(), f.label(), f.secret(), f.required(), f.helpText(), fieldErrors, values));
        }
        form.put("fields", fields);
        model.put("connect", form);
        model.put("config", app.connected() ? configModel(portal, app, configState, texts) : null);
        List<String> formTargets = method instanceof AuthMethod.OAuth2AuthorizationCode o ? origin(o.authorizationUrl().text())
                .map(List::of).orElse(List.of("https:")) : List.of();
        return pages.render(status, "app", page, model, formTargets, request);
    }

    /** The connect form's required inputs, by their names ({@code params.x}, {@code credentials.y}). */
    private static java.util.Set<String> requiredFields(AppView app) {
        java.util.Set<String> names = new java.util.HashSet<>();
        app.definition().params().stream().filter(ConnectorParam::required).forEach(p -> names.add("params." + p.name()));
        app.definition().auth().getFirst().fields().stream().filter(CredentialField::required).forEach(f -> names.add("credentials." + f.name()));
        return names;
    }

    private static Map<String, Object> field(String name, String label, boolean secret, boolean required, Optional<String> help,
                                             Map<String, String> errors, Map<String, String> values) {
        String id = "field-" + name.replace('.', '-');
        Map<String, Object> field = new HashMap<>();
        field.put("id", id);
        field.put("input_name", name);
        field.put("label", label);
        field.put("type", secret ? "password" : "text");
        field.put("required", required);
        field.put("help", help.orElse(null));
        field.put("error", errors.get(name));
        field.put("value", secret ? null : values.get(name));
        List<String> describedBy = new ArrayList<>();
        help.ifPresent(h -> describedBy.add(id + "-help"));
        if (errors.containsKey(name)) {
            describedBy.add(id + "-error");
        }
        field.put("describedby", describedBy.isEmpty() ? null : String.join(" ", describedBy));
        return field;
    }

    private static Map<String, Object> appSummary(AppView app, Map<String, String> texts) {
        Map<String, Object> item = new HashMap<>();
        item.put("slug", app.definition().slug().value());
        item.put("name", app.definition().name());
        item.put("icon_url", app.definition().iconUrl());
        String state = app.status().map(s -> s == ConnectionStatus.ACTIVE ? "connected" : "expired").orElse("not-connected");
        item.put("state", state);
        item.put("state_text", switch (state) {
            case "connected" -> texts.get("status_connected");
            case "expired" -> texts.get("status_needs_reconnect");
            default -> texts.get("status_not_connected");
        });
        return item;
    }

    private static String connectionLabel(Connection c, Map<String, String> texts) {
        return c.identifier().orElse(texts.get("connection_label") + " " + c.id().toString().substring(0, 8));
    }

    private MutableHttpResponse<String> message(HttpStatus status, PortalPages.Page page, String title, String text,
                                                @Nullable Map<String, String> back, HttpRequest<?> request) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("text", text);
        model.put("detail", null);
        model.put("result", null);
        model.put("back_url", back == null ? null : back.get("url"));
        model.put("back_text", back == null ? null : back.get("text"));
        return pages.render(status, "message", page, model, List.of(), request);
    }

    /**
     * No live session: its cookie is gone (the browser drops it when the session ends), forged, or
     * its session swept. Nothing safely names a workspace then (Origin and Referer are the caller's
     * to write), so this page may not be framed: in a frame the customer sees the browser's error.
     */
    private MutableHttpResponse<String> expired(HttpRequest<?> request) {
        PortalPages.Page page = pages.page(request, Branding.DEFAULT, AllowedOrigins.NONE);
        return message(HttpStatus.UNAUTHORIZED, page, page.texts().get("session_expired_title"), page.texts().get("session_expired_text"),
                null, request);
    }

    private MutableHttpResponse<String> forbidden(PortalView portal, HttpRequest<?> request) {
        PortalPages.Page page = page(request, portal);
        return message(HttpStatus.FORBIDDEN, page, page.texts().get("forbidden_title"), page.texts().get("forbidden_text"),
                Map.of("url", "/portal", "text", page.texts().get("back_to_apps")), request);
    }

    private MutableHttpResponse<String> notFound(PortalView portal, HttpRequest<?> request) {
        PortalPages.Page page = page(request, portal);
        return message(HttpStatus.NOT_FOUND, page, page.texts().get("no_apps"), page.texts().get("no_apps"),
                Map.of("url", "/portal", "text", page.texts().get("back_to_apps")), request);
    }

    // --- the config form ---

    /** What the config form shows: the stored values, or what was just submitted with its errors. */
    record ConfigState(boolean saved, @Nullable Map<String, Object> submitted, Map<String, String> errors) {
        static ConfigState stored() {
            return new ConfigState(false, null, Map.of());
        }

        static ConfigState justSaved() {
            return new ConfigState(true, null, Map.of());
        }

        static ConfigState submitted(Map<String, Object> values, Map<String, String> errors) {
            return new ConfigState(false, values, errors);
        }
    }

    private @Nullable Map<String, Object> configModel(PortalView portal, AppView app, ConfigState state, Map<String, String> texts) {
        String slug = app.definition().slug().value();
        ConfigQuery query = configQuery(portal, app.definition().slug());
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
            boolean fromProvider = switch (field.kind()) {
                case FieldKind.Select s -> s.optionsFrom().isPresent();
                case FieldKind.Mapping m -> m.optionsFrom().isPresent();
                default -> false;
            };
            if (fromProvider && usable && !field.hidden()) {
                try {
                    dynamic.put(field.key(), configOptions.options(new ListConfigOptionsQuery(query, field.key(), Optional.empty(),
                            Optional.empty())).items());
                } catch (ConflictException | ProviderException e) {
                    errors.putIfAbsent(field.key(), e.getMessage());
                }
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("action", "/portal/apps/" + slug + "/config");
        model.put("saved", state.saved());
        model.put("sections", configForm.sections(readout, slug, values, errors, dynamic));
        model.put("errors_title", texts.get("config_errors_title"));
        List<Map<String, Object>> list = new ArrayList<>();
        errors.forEach((field, message) -> {
            String key = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
            String label = labels.getOrDefault(key, field);
            list.add(Map.of("id", "config-" + field.replace('.', '-'), "text", label + ": " + message));
        });
        model.put("errors", list);
        return model;
    }

    private static ConfigQuery configQuery(PortalView portal, ConnectorSlug connector) {
        return new ConfigQuery(portal.session().workspaceId(), portal.session().accountId(), connector, configId(portal));
    }

    private static ConfigId configId(PortalView portal) {
        return portal.session().scope().configId().map(ConfigId::new).orElse(ConfigId.DEFAULT);
    }

    // --- session, scope, CSRF ---

    private Optional<PortalView> session(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).flatMap(sessions::find);
    }

    private PortalPages.Page page(HttpRequest<?> request, PortalView portal) {
        return pages.page(request, portal.branding(), portal.allowedOrigins());
    }

    private List<AppView> visibleApps(PortalView portal) {
        return listApps.list(portal.session().workspaceId(), portal.session().accountId()).stream()
                .filter(a -> portal.session().scope().allows(a.definition().slug())).toList();
    }

    /** The session's apps with an active connection: what Done reports. */
    private List<String> connectedApps(PortalView portal) {
        return visibleApps(portal).stream().filter(a -> a.status().filter(s -> s == ConnectionStatus.ACTIVE).isPresent())
                .map(a -> a.definition().slug().value()).toList();
    }

    private static boolean isUuid(String id) {
        try {
            ConnectionId.parse(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Optional<AppView> app(PortalView portal, String slug) {
        ConnectorSlug connector;
        try {
            connector = new ConnectorSlug(slug);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!portal.session().scope().allows(connector)) {
            return Optional.empty();
        }
        try {
            return Optional.of(getApp.get(portal.session().workspaceId(), portal.session().accountId(), connector));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static Optional<Connection> connection(AppView app, String id) {
        try {
            ConnectionId connectionId = ConnectionId.parse(id);
            return app.connections().stream().filter(c -> c.id().equals(connectionId)).findFirst();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The session's CSRF token: a hash of the cookie's value, so it is worthless without the (httpOnly) cookie. */
    private static String csrf(HttpRequest<?> request) {
        String secret = request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse("");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("csrf:" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static boolean csrfValid(HttpRequest<?> request, Map<String, String> form) {
        String sent = form.get(CSRF_FIELD);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), csrf(request).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The session cookie: HttpOnly, host-only, {@code Path=/portal}. A top-level visit gets
     * {@code SameSite=Lax} (plus {@code Secure} behind https), so no cross-site subrequest carries it.
     * A framed visit behind https gets {@code SameSite=None; Secure; Partitioned}: a cross-site frame
     * gets no Lax cookie, and browsers that block third-party cookies still keep a partitioned (CHIPS)
     * one, keyed to the framing site; CSRF tokens and frame-ancestors guard the forms then. Written by
     * hand: Micronaut's cookie has no Partitioned attribute.
     */
    static String sessionCookie(String value, long maxAgeSeconds, boolean https, boolean framed) {
        StringBuilder cookie = new StringBuilder(COOKIE).append('=').append(value).append("; Max-Age=").append(maxAgeSeconds)
                .append("; Path=/portal; HttpOnly");
        if (https && framed) {
            return cookie.append("; SameSite=None; Secure; Partitioned").toString();
        }
        cookie.append("; SameSite=Lax");
        return https ? cookie.append("; Secure").toString() : cookie.toString();
    }

    private static boolean wantsJson(HttpRequest<?> request) {
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.APPLICATION_JSON);
    }

    /** Whether the browser loads this document in a frame: it says so in {@code Sec-Fetch-Dest} ({@code iframe}, {@code frame}). */
    static boolean framed(HttpRequest<?> request) {
        String dest = request.getHeaders().get("Sec-Fetch-Dest");
        return "iframe".equalsIgnoreCase(dest) || "frame".equalsIgnoreCase(dest);
    }

    private static Map<String, Object> result(String status, String connector, @Nullable String connectionId, @Nullable String error) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("type", "connect_result");
        result.put("status", status);
        result.put("connector", connector);
        result.put("connection_id", connectionId);
        result.put("error", error);
        return result;
    }

    private static String code(RuntimeException e) {
        return switch (e) {
            case ProviderException p -> p.kind() == ProviderException.Kind.REJECTED ? "credentials_rejected" : "provider_unavailable";
            case ConflictException c -> c.code();
            case NotFoundException n -> n.code();
            default -> "error";
        };
    }

    /** The origin of a URL template's fixed part, when its scheme and host hold no placeholder. */
    static Optional<String> origin(String template) {
        try {
            int end = template.indexOf('/', template.indexOf("//") + 2);
            String head = end < 0 ? template : template.substring(0, end);
            if (head.contains("{")) {
                return Optional.empty();
            }
            URI uri = URI.create(head);
            return uri.getScheme() == null || uri.getHost() == null ? Optional.empty()
                    : Optional.of(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String withParams(String url, Map<String, String> params) {
        StringBuilder out = new StringBuilder(url);
        int hash = url.indexOf('#');
        String fragment = hash >= 0 ? url.substring(hash) : "";
        if (hash >= 0) {
            out.setLength(hash);
        }
        char separator = out.indexOf("?") >= 0 ? '&' : '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            out.append(separator).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return out + fragment;
    }
}
