package dev.latchkey.adapters.web.connection;

import dev.latchkey.adapters.web.docs.PathParameters;
import dev.latchkey.adapters.web.docs.IdempotencyProblems;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.idempotency.Idempotent;
import dev.latchkey.adapters.web.docs.ApiKeyProblems;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.json.ListResponse;
import dev.latchkey.adapters.web.json.PathValues;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.DisconnectUseCase;
import dev.latchkey.application.port.in.GetConnectionUseCase;
import dev.latchkey.application.port.in.ImportConnectionCommand;
import dev.latchkey.application.port.in.ImportConnectionUseCase;
import dev.latchkey.application.port.in.ListConnectionsUseCase;
import dev.latchkey.application.port.in.RefreshTokenUseCase;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.credential.TokenFingerprint;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The company backend's view of a linked account's connections. */
@Controller("/v1/linked-accounts/{id}/connections")
@Secured(Roles.API_KEY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Connections", description = "A linked account's connections, from your backend.")
@SecurityRequirement(name = "apiKey")
@ApiKeyProblems
public class ConnectionController {

    private final ListConnectionsUseCase list;
    private final GetConnectionUseCase get;
    private final DisconnectUseCase disconnect;
    private final ImportConnectionUseCase importConnection;
    private final RefreshTokenUseCase refresh;

    public ConnectionController(ListConnectionsUseCase list, GetConnectionUseCase get, DisconnectUseCase disconnect,
                                ImportConnectionUseCase importConnection, RefreshTokenUseCase refresh) {
        this.list = list;
        this.get = get;
        this.disconnect = disconnect;
        this.importConnection = importConnection;
        this.refresh = refresh;
    }

    @Get
    @ApiResponse(responseCode = "404", description = "linked_account_not_found: no such linked account in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "listConnections", summary = "A linked account's connections")
    public ListResponse<ConnectionResponse> list(@Parameter(description = PathParameters.LINKED_ACCOUNT_ID, example = PathParameters.ACCOUNT_EXAMPLE) String id, Authentication caller) {
        return new ListResponse<>(list.list(Caller.workspace(caller), PathValues.linkedAccountId(id)).stream().map(ConnectionResponse::of).toList(), null);
    }

    @Get("/{connectionId}")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "getConnection", summary = "One connection")
    public ConnectionResponse get(@Parameter(description = PathParameters.LINKED_ACCOUNT_ID, example = PathParameters.ACCOUNT_EXAMPLE) String id, @Parameter(description = PathParameters.CONNECTION_ID, example = "5d0c1a3e-8f4b-4f7e-9a2b-3c6d7e8f9a01") String connectionId, Authentication caller) {
        return ConnectionResponse.of(get.get(Caller.workspace(caller), PathValues.linkedAccountId(id), PathValues.connectionId(connectionId)));
    }

    @Get("/{connectionId}/access-token")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "connection_expired: the customer must connect again; no_access_token: a key-based "
            + "auth type has no token", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "502", description = "provider_unavailable: the token cannot be used and the provider cannot refresh it now, "
            + "with Retry-After", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "refresh_in_progress: another request's refresh did not finish within the wait; "
            + "database_unavailable; both with Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "getAccessToken", summary = "A fresh access token", description = "Refreshed first when it expires within the connector's margin "
            + "(5 minutes by default), at most once at a time per connection. After the provider answered 401 to a token, ask with "
            + "force_refresh=true&rejected_token_id={its token_id}: the token is refreshed only while it is still the stored one; "
            + "when another caller replaced it already, the current token comes back without a refresh (so many callers seeing one "
            + "401 refresh once). 409 connection_expired when the customer must connect again; 409 no_access_token for key-based "
            + "auth types, which have no token; 502 provider_unavailable (with Retry-After) when the token cannot be used and the "
            + "provider cannot refresh it now; 503 refresh_in_progress (with Retry-After) when another request's refresh has not "
            + "finished within the wait (LATCHKEY_REFRESH_WAIT_SECONDS, 10 s).")
    public AccessTokenResponse accessToken(@Parameter(description = PathParameters.LINKED_ACCOUNT_ID, example = PathParameters.ACCOUNT_EXAMPLE) String id, @Parameter(description = PathParameters.CONNECTION_ID, example = "5d0c1a3e-8f4b-4f7e-9a2b-3c6d7e8f9a01") String connectionId,
                                           @Parameter(description = "true after the provider rejected the token named by rejected_token_id", schema = @Schema(type = "boolean"))
                                           @QueryValue("force_refresh") @Nullable String forceRefresh,
                                           @Parameter(description = "the token_id of the access token the provider answered 401 to")
                                           @QueryValue("rejected_token_id") @Nullable String rejectedTokenId,
                                           Authentication caller) {
        Optional<TokenFingerprint> rejected = rejected(forceRefresh, rejectedTokenId);
        // Ownership first: another account's connection is a 404 like any other.
        Connection owned = get.get(Caller.workspace(caller), PathValues.linkedAccountId(id), PathValues.connectionId(connectionId));
        if (owned.credentials().token().isEmpty()) {
            throw new ConflictException("no_access_token", "Connection '" + owned.id() + "' uses " + owned.authType()
                    + ": it signs requests with the customer's credentials and has no access token. Use the proxy to call "
                    + owned.connector() + ".");
        }
        Connection fresh = rejected.isPresent() ? refresh.replacing(owned, rejected.get()) : refresh.fresh(owned);
        return AccessTokenResponse.of(fresh, fresh.credentials().token().orElseThrow());
    }

    /** {@code force_refresh=true} names the rejected token; each without the other is a 400 that says so. */
    private static Optional<TokenFingerprint> rejected(String forceRefresh, String rejectedTokenId) {
        List<FieldViolation> problems = new ArrayList<>();
        boolean force = false;
        if (forceRefresh != null) {
            if (forceRefresh.equals("true") || forceRefresh.equals("false")) {
                force = forceRefresh.equals("true");
            } else {
                problems.add(new FieldViolation("force_refresh", "must be true or false"));
            }
        }
        TokenFingerprint rejected = null;
        if (rejectedTokenId != null) {
            try {
                rejected = new TokenFingerprint(rejectedTokenId);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldViolation("rejected_token_id", e.getMessage()));
            }
        }
        if (force && rejectedTokenId == null) {
            problems.add(new FieldViolation("rejected_token_id", "is required with force_refresh=true: the token_id of the access token "
                    + "the provider rejected, as this endpoint gave it with the token; it is refreshed only while it is still the stored one"));
        }
        if (!force && rejectedTokenId != null && problems.isEmpty()) {
            problems.add(new FieldViolation("force_refresh", "must be true when rejected_token_id is given"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return Optional.ofNullable(rejected);
    }

    @Delete("/{connectionId}")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Status(HttpStatus.NO_CONTENT)
    // No body on success; a client that asks for problem+json (its errors) must not be refused with 406.
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON_PROBLEM})
    @Operation(operationId = "deleteConnection", summary = "Disconnect", description = "Revokes at the provider where possible, then deletes the credentials.")
    public void delete(@Parameter(description = PathParameters.LINKED_ACCOUNT_ID, example = PathParameters.ACCOUNT_EXAMPLE) String id, @Parameter(description = PathParameters.CONNECTION_ID, example = "5d0c1a3e-8f4b-4f7e-9a2b-3c6d7e8f9a01") String connectionId, Authentication caller) {
        disconnect.disconnect(Caller.workspace(caller), PathValues.linkedAccountId(id), PathValues.connectionId(connectionId));
    }

    @Post
    @Idempotent
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, ref = "#/components/parameters/IdempotencyKey")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ConnectionResponse.class)))
    @ApiResponse(responseCode = "404", description = "*_not_found: the linked account or the connector does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "importConnection", summary = "Import credentials you already hold", description = "OAuth tokens (with refresh token and expiry) or keys, "
            + "stored encrypted as a connection, without calling the provider.")
    @IdempotencyProblems
    @JsonBodyProblems
    public HttpResponse<ConnectionResponse> importConnection(@Parameter(description = PathParameters.LINKED_ACCOUNT_ID, example = PathParameters.ACCOUNT_EXAMPLE) String id, @Body ImportConnectionRequest body, Authentication caller) {
        LinkedAccountId accountId = PathValues.linkedAccountId(id);
        Violations violations = new Violations();
        Credentials credentials = body.credentials(violations);
        violations.throwIfAny();
        Connection connection = importConnection.importConnection(new ImportConnectionCommand(Caller.workspace(caller), accountId,
                new ConnectorSlug(body.connector()), Optional.ofNullable(body.authType()), body.paramValues(), credentials,
                body.tokenValueMap(), Optional.ofNullable(body.identifier())));
        return HttpResponse.created(ConnectionResponse.of(connection),
                URI.create("/v1/linked-accounts/" + accountId + "/connections/" + connection.id()));
    }
}
