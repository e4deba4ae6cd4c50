package dev.latchkey.adapters.web.branding;

import dev.latchkey.adapters.web.error.Problem;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dev.latchkey.adapters.web.json.JsonBodyReader;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.GetBrandingUseCase;
import dev.latchkey.application.port.in.UpdateBrandingUseCase;
import dev.latchkey.domain.branding.Branding;
import io.micronaut.core.annotation.Nullable;
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
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** How the hosted portal and the OAuth result pages look. Read by the SDKs with a session token too. */
@Controller("/v1/branding")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Branding", description = "The portal's look: colours, logo, texts (labels), links.")
@ApiResponse(responseCode = "400", description = "validation_failed (errors[] names every bad field, parameter or header), malformed_request",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "unauthorized: no credential, or an unknown, expired or revoked one",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "429", description = "too_many_attempts: too many failed authentications from this address, with Retry-After",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "forbidden: these credentials may not use this endpoint",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "503", description = "database_unavailable, with Retry-After",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class BrandingController {
    private final GetBrandingUseCase get;
    private final UpdateBrandingUseCase update;
    private final JsonBodyReader bodies;

    public BrandingController(GetBrandingUseCase get, UpdateBrandingUseCase update, JsonBodyReader bodies) {
        this.get = get;
        this.update = update;
        this.bodies = bodies;
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
    @RequestBody(content = @Content(schema = @Schema(implementation = BrandingResponse.class)))
    @ApiResponse(responseCode = "413", description = "body_too_large: the body is larger than this endpoint accepts",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "415", description = "unsupported_media_type: send the body as JSON with Content-Type: application/json",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public BrandingResponse put(@Body @Nullable String body, Authentication caller) {
        Branding branding = Branding.parse(bodies.readObject(body), "");
        return BrandingResponse.of(update.update(Caller.workspace(caller), branding));
    }
}
