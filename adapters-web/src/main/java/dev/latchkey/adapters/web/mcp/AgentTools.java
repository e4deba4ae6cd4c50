package dev.latchkey.adapters.web.mcp;

import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.adapters.web.security.AccountCaller;
import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.application.port.in.AppView;
import dev.latchkey.application.port.in.CallProviderApiCommand;
import dev.latchkey.application.port.in.CallProviderApiResult;
import dev.latchkey.application.port.in.CallProviderApiUseCase;
import dev.latchkey.application.port.in.CreateConnectLinkCommand;
import dev.latchkey.application.port.in.CreateConnectLinkUseCase;
import dev.latchkey.application.port.in.CreatedConnectLink;
import dev.latchkey.application.port.in.GetAgentGuardrailsUseCase;
import dev.latchkey.application.port.in.GetAppUseCase;
import dev.latchkey.application.port.in.ListAppsUseCase;
import dev.latchkey.application.port.in.ListConnectionsUseCase;
import dev.latchkey.application.port.in.ListConnectorActionsUseCase;
import dev.latchkey.application.port.in.RecordActivityUseCase;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.DatabaseUnavailableException;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.ActivityKind;
import dev.latchkey.domain.agent.AgentGuardrails;
import dev.latchkey.domain.agent.AgentRefusedException;
import dev.latchkey.domain.agent.ConnectorAction;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connection.RefreshInProgressException;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.portal.PortalScope;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The MCP server's tools. Each acts for the authenticated linked account only (no tool takes an account),
 * goes through the application's use cases — the same the connect API and the proxy use — and lands in the
 * activity log as kind {@code mcp}. A refused or failed call is a tool error (isError) whose text is a
 * problem: status, stable code, detail; the model reads it and can tell the person what to do.
 */
final class AgentTools {
    static final String LIST_APPS = "list_apps";
    static final String LIST_CONNECTIONS = "list_connections";
    static final String CONNECT_APP = "connect_app";
    static final String CALL_API = "call_api";
    private static final Set<String> CORE = Set.of(LIST_APPS, LIST_CONNECTIONS, CONNECT_APP, CALL_API);

    private final ListAppsUseCase listApps;
    private final ListConnectionsUseCase listConnections;
    private final GetAppUseCase getApp;
    private final CreateConnectLinkUseCase connectLinks;
    private final CallProviderApiUseCase callApi;
    private final GetAgentGuardrailsUseCase guardrails;
    private final RecordActivityUseCase activity;
    private final PublicUrl publicUrl;
    private final McpJsonMapper json;
    private final Clock clock;
    private final ListConnectorActionsUseCase actions;

    AgentTools(ListAppsUseCase listApps, ListConnectionsUseCase listConnections, GetAppUseCase getApp, CreateConnectLinkUseCase connectLinks,
               CallProviderApiUseCase callApi, GetAgentGuardrailsUseCase guardrails, RecordActivityUseCase activity, PublicUrl publicUrl,
               McpJsonMapper json, Clock clock, ListConnectorActionsUseCase actions) {
        this.actions = actions;
        this.listApps = listApps;
        this.listConnections = listConnections;
        this.getApp = getApp;
        this.connectLinks = connectLinks;
        this.callApi = callApi;
        this.guardrails = guardrails;
        this.activity = activity;
        this.publicUrl = publicUrl;
        this.json = json;
        this.clock = clock;
    }

    List<McpStatelessServerFeatures.SyncToolSpecification> specifications() {
        List<McpStatelessServerFeatures.SyncToolSpecification> tools = new ArrayList<>(core());
        actions.list().forEach((connector, declared) -> declared.forEach(action -> tools.add(action(connector, action))));
        return tools;
    }

    private List<McpStatelessServerFeatures.SyncToolSpecification> core() {
        return List.of(
                tool(LIST_APPS, "List apps", "The apps this customer can use through Latchkey, and whether each is connected. "
                        + "Use connect_app for one that is not.", schema(Map.of(), List.of()), true, this::listApps),
                tool(LIST_CONNECTIONS, "List connections", "This customer's connections: the app, the status (active, expired, "
                        + "revoked), the granted scopes, and which HTTP methods call_api may send with it.", schema(Map.of(), List.of()), true,
                        this::listConnections),
                tool(CONNECT_APP, "Connect an app", "A single-use link for the person to open in a browser to connect an app "
                        + "(sign in, grant access). You never see their credentials. Give them the link, then check list_connections.",
                        schema(Map.of("app", Map.of("type", "string", "description", "the app's slug, from list_apps")), List.of("app")),
                        false, this::connectApp),
                tool(CALL_API, "Call an app's API", "Sends an HTTP request to a connected app's API as this customer, signed by "
                        + "Latchkey. The path is below the app's API base URL. Answers the app's status and body (cut at "
                        + CallProviderApiResult.MAX_BODY_CHARS / 1000 + " KB).",
                        schema(Map.of(
                                "connector", Map.of("type", "string", "description", "the app's slug, from list_apps"),
                                "method", Map.of("type", "string", "enum", List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"),
                                        "description", "the HTTP method; GET when left out"),
                                "path", Map.of("type", "string", "description", "the path below the app's API base URL, e.g. /v1/users/me"),
                                "query", Map.of("type", "object", "additionalProperties", Map.of("type", "string"),
                                        "description", "query parameters"),
                                "body", Map.of("type", "object", "additionalProperties", true,
                                        "description", "a JSON object sent as the request body (for POST, PUT, PATCH)")),
                                List.of("connector", "path")), false, this::callApi));
    }

    /**
     * Whether a tool shows in this caller's tools/list: the four core tools always; a connector's action
     * when the account has a connection to it (the workspace has it enabled), the workspace lets agents
     * use it, and (in read-only mode) the action only reads — so an agent's context holds the tools it can
     * use, and list_apps with connect_app lead to the others. Calling a hidden action is refused all the
     * same (call_api's guardrails; connection_not_found).
     */
    boolean visible(McpTransportContext context, McpSchema.Tool tool) {
        if (CORE.contains(tool.name())) {
            return true;
        }
        return AgentCaller.visibleActions(context, () -> {
            AccountCaller caller = AgentCaller.of(context);
            AgentGuardrails rules = guardrails.get(caller.workspaceId());
            Set<ConnectorSlug> enabled = new HashSet<>();
            for (AppView app : listApps.list(caller.workspaceId(), caller.accountId())) {
                if (app.connected()) {
                    enabled.add(app.definition().slug());
                }
            }
            Set<String> names = new HashSet<>();
            actions.list().forEach((connector, declared) -> {
                if (enabled.contains(connector) && rules.allows(connector)) {
                    declared.stream().filter(a -> rules.allowsMethod(a.method()) && rules.allowsAction(a.toolName(connector)))
                            .forEach(a -> names.add(a.toolName(connector)));
                }
            });
            return names;
        }).contains(tool.name());
    }

    private McpStatelessServerFeatures.SyncToolSpecification action(ConnectorSlug connector, ConnectorAction action) {
        Map<String, Object> input = new LinkedHashMap<>(action.input());
        input.putIfAbsent("additionalProperties", false);
        boolean reads = action.method().equals("GET") || action.method().equals("HEAD");
        return tool(action.toolName(connector), null, connector.value() + ": " + action.description(), input, reads, (caller, arguments, record) -> {
            if (!guardrails.get(caller.workspaceId()).allowsAction(action.toolName(connector))) {
                throw new AgentRefusedException(AgentRefusedException.Reason.ACTION_NOT_ALLOWED, "The workspace does not let agents use "
                        + action.toolName(connector) + ".", Optional.empty());
            }
            ConnectorAction.Request request;
            try {
                request = action.request(arguments);
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("arguments", e.getMessage());
            }
            record.connector(connector).method(request.method()).path(request.path());
            CallProviderApiResult result = callApi.call(new CallProviderApiCommand(caller.workspaceId(), caller.accountId(), connector,
                    request.method(), request.path(), request.query(), request.body().map(this::write)));
            record.connection(result.connectionId()).providerStatus(result.status()).responseBytes(result.bodyLength())
                    .replayed(result.replayed());
            if (!action.returns().isEmpty() && result.json().isPresent() && result.status() / 100 == 2) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("status", result.status());
                Map<String, Object> picked = action.pick(result.json().get());
                out.put("data", picked);
                String text = write(picked);
                if (text.length() > CallProviderApiResult.MAX_BODY_CHARS) {
                    out.put("data", text.substring(0, CallProviderApiResult.MAX_BODY_CHARS));
                    out.put("truncated", true);
                    out.put("note", "The data was cut at " + CallProviderApiResult.MAX_BODY_CHARS + " characters; ask for less.");
                }
                return out;
            }
            return answer(result);
        });
    }

    // --- the tools ---

    private Map<String, Object> listApps(AccountCaller caller, Map<String, Object> arguments, Activity.Builder record) {
        AgentGuardrails rules = guardrails.get(caller.workspaceId());
        List<Map<String, Object>> apps = new ArrayList<>();
        for (AppView app : listApps.list(caller.workspaceId(), caller.accountId())) {
            if (!rules.allows(app.definition().slug())) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("app", app.definition().slug().value());
            item.put("name", app.definition().name());
            item.put("categories", app.definition().categories());
            item.put("connected", app.connected());
            app.status().ifPresent(status -> item.put("status", status.label()));
            apps.add(item);
        }
        return Map.of("apps", apps);
    }

    private Map<String, Object> listConnections(AccountCaller caller, Map<String, Object> arguments, Activity.Builder record) {
        AgentGuardrails rules = guardrails.get(caller.workspaceId());
        List<Map<String, Object>> connections = new ArrayList<>();
        for (Connection connection : listConnections.list(caller.workspaceId(), caller.accountId())) {
            if (!rules.allows(connection.connector())) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("connection_id", connection.id().toString());
            item.put("app", connection.connector().value());
            item.put("status", connection.status().label());
            connection.identifier().ifPresent(identifier -> item.put("identifier", identifier));
            item.put("scopes", connection.scopes());
            item.put("methods", rules.methods());
            item.put("created_at", Timestamps.format(connection.createdAt()));
            connections.add(item);
        }
        return Map.of("connections", connections, "read_only", rules.readOnly());
    }

    private Map<String, Object> connectApp(AccountCaller caller, Map<String, Object> arguments, Activity.Builder record) {
        ConnectorSlug app = slug(arguments, "app");
        record.connector(app);
        if (!guardrails.get(caller.workspaceId()).allows(app)) {
            throw new AgentRefusedException(AgentRefusedException.Reason.CONNECTOR_NOT_ALLOWED, "The workspace does not let agents use "
                    + app + ".", Optional.empty());
        }
        AppView view = getApp.get(caller.workspaceId(), caller.accountId(), app);
        CreatedConnectLink link = connectLinks.create(new CreateConnectLinkCommand(caller.workspaceId(), caller.accountId(),
                new PortalScope(List.of(app), Optional.empty(), Optional.empty(), Branding.DEFAULT), Optional.empty()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", publicUrl.base() + "/connect/" + link.code());
        out.put("expires_at", Timestamps.format(link.expiresAt()));
        out.put("already_connected", view.connected());
        out.put("instructions", "Ask the person to open this link to connect " + view.definition().name()
                + ". It works once and expires at " + Timestamps.format(link.expiresAt()) + ".");
        return out;
    }

    private Map<String, Object> callApi(AccountCaller caller, Map<String, Object> arguments, Activity.Builder record) {
        ConnectorSlug connector = slug(arguments, "connector");
        String method = text(arguments, "method").orElse("GET");
        String path = text(arguments, "path").orElseThrow(() -> InvalidInputException.of("path", "is required"));
        record.connector(connector).method(method).path(path.startsWith("/") ? path : "/" + path);
        Map<String, String> query = new LinkedHashMap<>();
        Object rawQuery = arguments.get("query");
        if (rawQuery instanceof Map<?, ?> map) {
            map.forEach((k, v) -> query.put(String.valueOf(k), String.valueOf(v)));
        } else if (rawQuery != null) {
            throw InvalidInputException.of("query", "must be an object of parameter names to values");
        }
        Optional<String> body = Optional.ofNullable(arguments.get("body")).map(this::write);
        body.ifPresent(text -> record.requestBytes(text.length()));
        CallProviderApiResult result = callApi.call(new CallProviderApiCommand(caller.workspaceId(), caller.accountId(), connector, method,
                path, query, body));
        record.connection(result.connectionId()).providerStatus(result.status()).responseBytes(result.bodyLength())
                .replayed(result.replayed());
        return answer(result);
    }

    /** The provider's answer as an agent reads it: status, content type, the body (cut, with a note). */
    private static Map<String, Object> answer(CallProviderApiResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", result.status());
        result.contentType().ifPresent(type -> out.put("content_type", type));
        out.put("body", result.body());
        out.put("truncated", result.truncated());
        if (result.truncated()) {
            out.put("note", "The body was cut at " + CallProviderApiResult.MAX_BODY_CHARS + " of its " + result.bodyLength()
                    + " characters; ask for less (a filter, a smaller page).");
        }
        return out;
    }

    // --- running a tool ---

    @FunctionalInterface
    private interface Tool {
        Map<String, Object> run(AccountCaller caller, Map<String, Object> arguments, Activity.Builder record);
    }

    private McpStatelessServerFeatures.SyncToolSpecification tool(String name, String title, String description, Map<String, Object> input,
                                                                  boolean readOnly, Tool tool) {
        McpSchema.Tool.Builder builder = McpSchema.Tool.builder().name(name).description(description).inputSchema(input);
        if (title != null) {
            builder.title(title);
        }
        McpSchema.Tool definition = builder
                .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(readOnly).openWorldHint(name.equals(CALL_API)).build())
                .build();
        BiFunction<McpTransportContext, McpSchema.CallToolRequest, McpSchema.CallToolResult> handler =
                (context, request) -> run(name, tool, context, request);
        return new McpStatelessServerFeatures.SyncToolSpecification(definition, handler);
    }

    private McpSchema.CallToolResult run(String name, Tool tool, McpTransportContext context, McpSchema.CallToolRequest request) {
        AccountCaller caller = AgentCaller.of(context);
        Instant started = clock.instant();
        long start = System.nanoTime();
        Activity.Builder record = Activity.of(started, caller.workspaceId(), ActivityKind.MCP).linkedAccount(caller.accountId())
                .requestId(AgentCaller.requestId(context).orElse(null));
        if (!name.equals(CALL_API)) {
            record.path(name);
        }
        McpSchema.CallToolResult result;
        try {
            Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
            Map<String, Object> out = tool.run(caller, arguments, record);
            record.status(200);
            result = McpSchema.CallToolResult.builder().addTextContent(write(out)).structuredContent(out).isError(false).build();
        } catch (RuntimeException e) {
            Map<String, Object> problem = problem(e);
            record.status((Integer) problem.get("status")).problemCode((String) problem.get("code"));
            result = McpSchema.CallToolResult.builder().addTextContent(write(problem)).structuredContent(problem).isError(true).build();
        } finally {
            record.duration(Duration.ofNanos(System.nanoTime() - start));
        }
        activity.record(record.build());
        return result;
    }

    /** The problem a failed tool call answers, as the HTTP API would: status, stable code, detail, the fields at fault. */
    private static Map<String, Object> problem(RuntimeException e) {
        Map<String, Object> problem = new LinkedHashMap<>();
        switch (e) {
            case InvalidInputException invalid -> {
                put(problem, 400, "invalid_input", "The tool's arguments are not valid.");
                problem.put("errors", invalid.violations().stream()
                        .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
            }
            case AgentRefusedException refused -> {
                put(problem, refused.reason() == AgentRefusedException.Reason.BUDGET_EXCEEDED ? 429 : 403, refused.code(), refused.getMessage());
                refused.retryAfter().ifPresent(wait -> problem.put("retry_after", Math.max(1, wait.toSeconds())));
            }
            case NotFoundException notFound -> put(problem, 404, notFound.code(), notFound.getMessage());
            case ConflictException conflict -> put(problem, 409, conflict.code(), conflict.getMessage());
            case ProviderException provider -> put(problem, 502, provider.kind() == ProviderException.Kind.REJECTED
                    ? "provider_rejected" : "provider_unavailable", provider.getMessage());
            case RefreshInProgressException busy -> put(problem, 503, "refresh_in_progress",
                    "The connection's credentials are being refreshed; try again in a moment.");
            case DatabaseUnavailableException down -> put(problem, 503, "database_unavailable",
                    "Latchkey cannot reach its database right now; try again in a moment.");
            default -> throw e;
        }
        return problem;
    }

    private static void put(Map<String, Object> problem, int status, String code, String detail) {
        problem.put("status", status);
        problem.put("code", code);
        problem.put("detail", detail);
    }

    private static ConnectorSlug slug(Map<String, Object> arguments, String field) {
        String text = text(arguments, field).orElseThrow(() -> InvalidInputException.of(field, "is required: an app's slug, from list_apps"));
        try {
            return new ConnectorSlug(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new FieldViolation(field, e.getMessage())));
        }
    }

    private static Optional<String> text(Map<String, Object> arguments, String field) {
        Object value = arguments.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw InvalidInputException.of(field, "must be a string");
        }
        return Optional.of(text);
    }

    private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
