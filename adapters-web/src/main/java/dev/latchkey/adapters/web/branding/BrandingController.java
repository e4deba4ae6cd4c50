package dev.latchkey.adapters.web.branding;

import dev.latchkey.adapters.web.docs.CredentialProblems;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.error.Problem;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.GetBrandingUseCase;
import dev.latchkey.application.port.in.UpdateBrandingUseCase;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** How the hosted portal and the OAuth result pages look. Read by the SDKs with a session token too. */
@Controller("/v1/branding")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Branding", description = "The portal's look: colours, logo, texts (labels), links.")
@CredentialProblems
@ApiResponse(responseCode = "403", description = "forbidden: these credentials may not use this endpoint",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class BrandingController {
    private final GetBrandingUseCase get;
    private final UpdateBrandingUseCase update;

    public BrandingController(GetBrandingUseCase get, UpdateBrandingUseCase update) {
        this.get = get;
        this.update = update;
    }

    @Get
    @Secured({Roles.API_KEY, Roles.SESSION})
    @SecurityRequirement(name = "apiKey")
    @SecurityRequirement(name = "sessionToken")
    @Operation(operationId = "getBranding", summary = "The workspace's branding", description = "Unset fields are null; warnings name colours below WCAG AA.")
    public BrandingResponse get(Authentication caller) {
        return BrandingResponse.of(get.get(Caller.workspace(caller)));
    }

    @Put
    @Secured(Roles.API_KEY)
    @SecurityRequirement(name = "apiKey")
    @Operation(operationId = "replaceBranding", summary = "Replace the workspace's branding", description = "Colours as #rrggbb; theme light|dark|auto; border_radius "
            + "0-32 px; labels keyed by the documented keys. A contrast below WCAG AA is accepted and reported in warnings.")
    @JsonBodyProblems
    public BrandingResponse put(@Body BrandingRequest body, Authentication caller) {
        return BrandingResponse.of(update.update(Caller.workspace(caller), body.toBranding()));
    }
}
