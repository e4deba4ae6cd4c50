package dev.latchkey.adapters.web.portal;

import dev.latchkey.adapters.web.docs.CredentialProblems;
import dev.latchkey.adapters.web.docs.IdempotencyProblems;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.error.Problems;
import dev.latchkey.adapters.web.idempotency.Idempotent;
import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.CreateConnectLinkCommand;
import dev.latchkey.application.port.in.CreateConnectLinkUseCase;
import dev.latchkey.application.port.in.CreatedConnectLink;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.account.LinkedAccountId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** Single-use links to the hosted portal, from the company's backend (or its frontend with a session token). */
@Controller("/v1/connect-links")
@Secured({Roles.API_KEY, Roles.SESSION})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Portal", description = "The hosted connect portal.")
@CredentialProblems
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionToken")
public class ConnectLinkController {

    private final CreateConnectLinkUseCase create;
    private final PublicUrl publicUrl;

    public ConnectLinkController(CreateConnectLinkUseCase create, PublicUrl publicUrl) {
        this.create = create;
        this.publicUrl = publicUrl;
    }

    @Serdeable
    @Schema(name = "ConnectLink")
    public record ConnectLinkResponse(String url, @Schema(format = "date-time") String expiresAt) {
    }

    @Post
    @Idempotent
    @Operation(operationId = "createConnectLink", summary = "A link to the hosted portal", description = "Single use: its first visit trades it for a portal session. "
            + "url is {LATCHKEY_PUBLIC_URL}/connect/{code}.")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, ref = "#/components/parameters/IdempotencyKey")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ConnectLinkRequest.class)))
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ConnectLinkResponse.class)))
    @ApiResponse(responseCode = "403", description = "branding_requires_api_key: a session token sent branding",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "linked_account_not_found: linked_account_id names no linked account of the workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @IdempotencyProblems
    @JsonBodyProblems
    public HttpResponse<?> create(@Body ConnectLinkRequest body, Authentication caller) {
        if (caller.getRoles().contains(Roles.SESSION) && body.branding() != null) {
            // A session token lives in the customer's browser: with branding it could mint a
            // Latchkey-hosted page under any name, logo and links (phishing). Branding is the company's.
            return Problems.response(new Problem("about:blank", HttpStatus.FORBIDDEN.getReason(), HttpStatus.FORBIDDEN.getCode(),
                    "The field 'branding' takes the workspace's API key: a session token may not set a link's branding.",
                    "branding_requires_api_key", List.of(new Problem.FieldError("branding",
                            "may be set only with the API key, from your backend; leave it out with a session token"))));
        }
        Violations v = new Violations();
        LinkedAccountId account = account(body.linkedAccountId(), caller, v);
        v.throwIfAny();
        CreatedConnectLink link = create.create(new CreateConnectLinkCommand(Caller.workspace(caller), account, body.scope(), body.lifetime()));
        return HttpResponse.created(new ConnectLinkResponse(publicUrl.base() + "/connect/" + link.code(), Timestamps.format(link.expiresAt())));
    }

    private static LinkedAccountId account(@Nullable String given, Authentication caller, Violations v) {
        if (caller.getRoles().contains(Roles.SESSION)) {
            LinkedAccountId own = Caller.sessionAccount(caller);
            if (given != null && !own.value().equals(given)) {
                v.add("linked_account_id", "must be left out with a session token (it acts for its own linked account)");
            }
            return own;
        }
        if (given == null) {
            v.add("linked_account_id", "is required with an API key");
            return null;
        }
        return v.check("linked_account_id", () -> new LinkedAccountId(given));
    }
}
