package dev.latchkey.adapters.web.session;

import dev.latchkey.adapters.web.docs.IdempotencyProblems;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.docs.ApiKeyProblems;
import dev.latchkey.adapters.web.idempotency.Idempotent;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.adapters.web.security.SessionTokenCodec;
import dev.latchkey.application.port.in.MintSessionTokenCommand;
import dev.latchkey.application.port.in.MintSessionTokenUseCase;
import dev.latchkey.application.port.in.RevokeSessionTokenUseCase;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.session.SessionGrant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@Controller("/v1/session-tokens")
@Secured(Roles.API_KEY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Session tokens", description = "Short-lived tokens your backend mints for your frontend, one linked account each.")
@SecurityRequirement(name = "apiKey")
@ApiKeyProblems
public class SessionTokenController {
    private final MintSessionTokenUseCase mint;
    private final RevokeSessionTokenUseCase revoke;
    private final SessionTokenCodec codec;

    public SessionTokenController(MintSessionTokenUseCase mint, RevokeSessionTokenUseCase revoke, SessionTokenCodec codec) {
        this.mint = mint;
        this.revoke = revoke;
        this.codec = codec;
    }

    @Post
    @Idempotent
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, ref = "#/components/parameters/IdempotencyKey")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionTokenResponse.class)))
    @ApiResponse(responseCode = "404", description = "linked_account_not_found: no such account in the workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "mintSessionToken", summary = "Mint a session token", description = "404 linked_account_not_found when the account does not exist.")
    @IdempotencyProblems
    @JsonBodyProblems
    public HttpResponse<SessionTokenResponse> mint(@Body SessionTokenRequest body, Authentication caller) {
        SessionGrant grant = mint.mint(new MintSessionTokenCommand(Caller.workspace(caller), body.accountId(), body.ttl()));
        return HttpResponse.created(new SessionTokenResponse(codec.encode(grant), Timestamps.format(grant.expiresAt()),
                grant.linkedAccountId().value()));
    }

    @Post("/revoke")
    @Status(HttpStatus.NO_CONTENT)
    @ApiResponse(responseCode = "204", description = "Revoked (or already revoked)")
    @ApiResponse(responseCode = "404", description = "session_token_not_found: the token is of another workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    // No body on success; a client that asks for problem+json (its errors) must not be refused with 406.
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON_PROBLEM})
    @Operation(operationId = "revokeSessionToken", summary = "Revoke a session token", description = "Refused from then on, on every instance. Idempotent.")
    @JsonBodyProblems
    public void revoke(@Body RevokeSessionTokenRequest body, Authentication caller) {
        SessionGrant grant = codec.decode(body.token()).orElseThrow(() -> InvalidInputException.of("token",
                "is not a session token issued by this Latchkey (malformed, or its signature does not match)"));
        revoke.revoke(Caller.workspace(caller), grant);
    }
}
