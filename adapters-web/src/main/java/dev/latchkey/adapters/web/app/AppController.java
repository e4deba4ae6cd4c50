package dev.latchkey.adapters.web.app;

import dev.latchkey.adapters.web.docs.PathParameters;
import dev.latchkey.adapters.web.docs.CredentialProblems;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.connection.ConnectionResponse;
import dev.latchkey.adapters.web.json.ListResponse;
import dev.latchkey.adapters.web.json.PathValues;
import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.adapters.web.security.AccountCaller;
import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.ConnectAppCommand;
import dev.latchkey.application.port.in.ConnectAppUseCase;
import dev.latchkey.application.port.in.ConnectResult;
import dev.latchkey.application.port.in.DisconnectUseCase;
import dev.latchkey.application.port.in.GetAppUseCase;
import dev.latchkey.application.port.in.GetConnectionUseCase;
import dev.latchkey.application.port.in.ListAppsUseCase;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.PendingAuthorization;
import dev.latchkey.domain.connector.ConnectorSlug;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Optional;

/**
 * The connect API the portal and the SDKs are built on. A session token acts for its own linked
 * account; an API key acts for the account named in {@code X-Linked-Account-Id}.
 */
@Controller("/v1/apps")
@Secured({Roles.SESSION, Roles.API_KEY})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Apps", description = "What a customer can connect, and connecting it. Session token, or API key + X-Linked-Account-Id.")
@SecurityRequirement(name = "sessionToken")
@SecurityRequirement(name = "apiKey")
@CredentialProblems
@ApiResponse(responseCode = "403", description = "forbidden: these credentials may not use this endpoint",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "404", description = "linked_account_not_found: with an API key, X-Linked-Account-Id names no linked "
        + "account of the workspace; *_not_found: what the path names does not exist",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class AppController {
    private final ListAppsUseCase listApps;
    private final GetAppUseCase getApp;
    private final ConnectAppUseCase connect;
    private final DisconnectUseCase disconnect;
    private final GetConnectionUseCase getConnection;
    private final PublicUrl publicUrl;

    public AppController(ListAppsUseCase listApps, GetAppUseCase getApp, ConnectAppUseCase connect, DisconnectUseCase disconnect,
                         GetConnectionUseCase getConnection, PublicUrl publicUrl) {
        this.getConnection = getConnection;
        this.publicUrl = publicUrl;
        this.listApps = listApps;
        this.getApp = getApp;
        this.connect = connect;
        this.disconnect = disconnect;
    }

    @Get
    @Operation(operationId = "listApps", summary = "Apps", description = "The workspace's enabled connectors with this account's connections. A connector that can only connect "
            + "through the provider's consent page and whose OAuth app the workspace has not set is left out (it can't be connected yet), "
            + "unless this account has connections to it.")
    public ListResponse<AppResponse> list(Authentication auth, HttpRequest<?> request) {
        AccountCaller caller = AccountCaller.of(auth, request);
        return new ListResponse<>(listApps.list(caller.workspaceId(), caller.accountId()).stream().map(a -> AppResponse.of(a, publicUrl)).toList(), null);
    }

    @Get("/{slug}")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "getApp", summary = "One app")
    public AppResponse get(@Parameter(description = PathParameters.APP_SLUG, example = PathParameters.APP_EXAMPLE) String slug, Authentication auth, HttpRequest<?> request) {
        AccountCaller caller = AccountCaller.of(auth, request);
        return AppResponse.of(getApp.get(caller.workspaceId(), caller.accountId(), PathValues.slug(slug)), publicUrl);
    }

    @Post("/{slug}/connect")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ConnectResponse.class)))
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ConnectResponse.class)))
    @ApiResponse(responseCode = "409", description = "oauth_client_missing: the workspace has not set its OAuth app for this connector "
            + "(PUT /v1/connectors/{slug}/settings)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "credentials_rejected: the provider refused these credentials (its words in detail)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "502", description = "provider_unavailable: the provider could not be reached to verify the credentials, "
            + "with Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "connectApp", summary = "Connect an app", description = "OAuth: 200 {type: redirect, authorization_url, expires_at}; key-based: 201 "
            + "{type: connected, connection} after the connector's verification (422 credentials_rejected when the provider refuses).")
    @JsonBodyProblems
    public HttpResponse<ConnectResponse> connect(@Parameter(description = PathParameters.APP_SLUG, example = PathParameters.APP_EXAMPLE) String slug, @Body ConnectRequest body, Authentication auth, HttpRequest<?> request) {
        AccountCaller caller = AccountCaller.of(auth, request);
        ConnectorSlug connector = PathValues.slug(slug);
        var params = body.params() == null ? java.util.Map.<String, String>of() : body.params();
        var credentials = body.credentials() == null ? java.util.Map.<String, String>of() : body.credentials();
        ConnectResult result = connect.connect(new ConnectAppCommand(caller.workspaceId(), caller.accountId(), connector,
                Optional.ofNullable(body.authType()), params, credentials, body.connectMode(), Optional.ofNullable(body.returnUrl())));
        return switch (result) {
            case ConnectResult.Redirect r -> HttpResponse.ok(new ConnectResponse("redirect", r.authorizationUrl().toString(),
                    Timestamps.format(r.expiresAt()), null));
            case ConnectResult.Connected c -> HttpResponse.created(new ConnectResponse("connected", null, null,
                    ConnectionResponse.of(c.connection())));
        };
    }

    @Delete("/{slug}/connections/{connectionId}")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Status(HttpStatus.NO_CONTENT)
    // No body on success; a client that asks for problem+json (its errors) must not be refused with 406.
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON_PROBLEM})
    @Operation(operationId = "disconnectApp", summary = "Disconnect", description = "Revokes at the provider where possible, then deletes the credentials.")
    public void disconnect(@Parameter(description = PathParameters.APP_SLUG, example = PathParameters.APP_EXAMPLE) String slug, String connectionId, Authentication auth, HttpRequest<?> request) {
        AccountCaller caller = AccountCaller.of(auth, request);
        ConnectorSlug connector = PathValues.slug(slug);
        ConnectionId id = PathValues.connectionId(connectionId);
        if (!getConnection.get(caller.workspaceId(), caller.accountId(), id).connector().equals(connector)) {
            throw new NotFoundException("connection_not_found", "No connection '" + id + "' of " + connector + " exists for this linked account.");
        }
        disconnect.disconnect(caller.workspaceId(), caller.accountId(), id);
    }

    static PendingAuthorization.Mode mode(String text) {
        return switch (text) {
            case "popup" -> PendingAuthorization.Mode.POPUP;
            case "redirect" -> PendingAuthorization.Mode.REDIRECT;
            default -> throw new IllegalArgumentException("must be popup or redirect");
        };
    }
}
