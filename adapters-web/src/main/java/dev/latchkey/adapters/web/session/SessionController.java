package dev.latchkey.adapters.web.session;

import dev.latchkey.adapters.web.docs.CredentialProblems;
import dev.latchkey.adapters.web.error.Problem;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The first endpoint of the frontend's session API: who am I, until when. */
@Controller("/v1/session")
@Secured(Roles.SESSION)
@Tag(name = "Session", description = "Endpoints your frontend calls with a session token.")
@SecurityRequirement(name = "sessionToken")
@CredentialProblems
@ApiResponse(responseCode = "403", description = "session_token_required",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class SessionController {

    @Get
    @Operation(operationId = "getSession", summary = "The current session", description = "The linked account the session token reaches, and its expiry.")
    public SessionResponse current(Authentication caller) {
        return new SessionResponse(Caller.sessionAccount(caller).value(), Timestamps.format(Caller.sessionExpiry(caller)));
    }
}
