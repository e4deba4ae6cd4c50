package dev.latchkey.adapters.web.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.adapters.web.docs.CredentialProblems;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.error.Problems;
import dev.latchkey.adapters.web.security.AccountCaller;
import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.CallProviderApiUseCase;
import dev.latchkey.application.port.in.CreateConnectLinkUseCase;
import dev.latchkey.application.port.in.GetAgentGuardrailsUseCase;
import dev.latchkey.application.port.in.GetAppUseCase;
import dev.latchkey.application.port.in.GetLinkedAccountUseCase;
import dev.latchkey.application.port.in.ListAppsUseCase;
import dev.latchkey.application.port.in.ListConnectionsUseCase;
import dev.latchkey.application.port.in.ListConnectorActionsUseCase;
import dev.latchkey.application.port.in.RecordActivityUseCase;
import dev.latchkey.application.port.in.RequestIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;

import java.time.Clock;
import java.util.Optional;

/**
 * The MCP server for AI agents: Model Context Protocol over Streamable HTTP at {@code /mcp}, served by
 * the official MCP Java SDK's stateless server (README, "MCP server for AI agents"). A session token acts
 * for its linked account; the API key acts for the account named in {@code X-Linked-Account-Id}. Every
 * tool acts for that account only.
 */
@Controller("/mcp")
@Secured({Roles.SESSION, Roles.API_KEY})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "MCP")
@SecurityRequirement(name = "sessionToken")
@SecurityRequirement(name = "apiKey")
@CredentialProblems
@ApiResponse(responseCode = "403", description = "forbidden: these credentials may not use this endpoint",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class McpController {
    static final String VERSION = "0.1.0";
    private final McpHttpTransport transport;
    private final McpStatelessSyncServer server;
    private final GetLinkedAccountUseCase accounts;

    public McpController(ListAppsUseCase listApps, ListConnectionsUseCase listConnections, GetAppUseCase getApp,
                         CreateConnectLinkUseCase connectLinks, CallProviderApiUseCase callApi, GetAgentGuardrailsUseCase guardrails,
                         RecordActivityUseCase activity, GetLinkedAccountUseCase accounts, PublicUrl publicUrl, Clock clock,
                         ListConnectorActionsUseCase actions) {
        this.accounts = accounts;
        McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        this.transport = new McpHttpTransport(json);
        AgentTools tools = new AgentTools(listApps, listConnections, getApp, connectLinks, callApi, guardrails, activity, publicUrl, json,
                clock, actions);
        this.server = McpServer.sync(transport)
                .serverInfo("latchkey", VERSION)
                .instructions("Latchkey acts for one customer in the apps they connected. list_apps and list_connections show what "
                        + "is there; connect_app gives a link for the person to connect an app; call_api calls a connected app's API.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(json)
                .immediateExecution(true)
                .tools(tools.specifications())
                .addToolFilter(tools::visible)
                .build();
    }

    @PreDestroy
    void close() {
        server.close();
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "mcp", summary = "MCP (Streamable HTTP)", description = "One JSON-RPC 2.0 message of the Model Context "
            + "Protocol: a request is answered with its JSON-RPC response (application/json), a notification with 202. Stateless: no "
            + "Mcp-Session-Id. Tools: list_apps, list_connections, connect_app, call_api, all for the authenticated linked account.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/JsonRpcMessage")))
    @ApiResponse(responseCode = "200", description = "The JSON-RPC response to a request",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/JsonRpcMessage")))
    @ApiResponse(responseCode = "202", description = "A notification (or a response) was accepted")
    @ApiResponse(responseCode = "404", description = "linked_account_not_found: with an API key, X-Linked-Account-Id names no linked "
            + "account of the workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @JsonBodyProblems
    public MutableHttpResponse<?> post(@Body @Nullable String body, Authentication auth, HttpRequest<?> request) {
        AccountCaller caller = AccountCaller.of(auth, request);
        if (!auth.getRoles().contains(Roles.SESSION)) {
            accounts.get(caller.workspaceId(), caller.accountId()); // linked_account_not_found before any message is read
        }
        Optional<String> answer = transport.handle(body == null ? "" : body, AgentCaller.context(caller, RequestIds.current()));
        return answer.<MutableHttpResponse<?>>map(text -> HttpResponse.ok(text).contentType(MediaType.APPLICATION_JSON_TYPE))
                .orElseGet(HttpResponse::accepted);
    }

    @Get
    @Produces(MediaType.APPLICATION_JSON_PROBLEM)
    @Operation(operationId = "mcpStream", summary = "MCP server-to-client stream (not offered)", description = "405: the server is "
            + "stateless and sends nothing unasked; every answer comes in the response to its POST.")
    @ApiResponse(responseCode = "405", description = "method_not_allowed, with Allow: POST",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public MutableHttpResponse<?> stream() {
        return notAllowed();
    }

    @Delete
    @Produces(MediaType.APPLICATION_JSON_PROBLEM)
    @Operation(operationId = "mcpEndSession", summary = "End an MCP session (none to end)", description = "405: the server keeps no "
            + "session.")
    @ApiResponse(responseCode = "405", description = "method_not_allowed, with Allow: POST",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public MutableHttpResponse<?> end() {
        return notAllowed();
    }

    private static MutableHttpResponse<?> notAllowed() {
        return Problems.response(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                "The MCP server is stateless: send each JSON-RPC message with POST /mcp; there is no stream to open and no session to end.")
                .header(HttpHeaders.ALLOW, "POST");
    }
}
