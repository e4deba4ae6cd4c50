package dev.latchkey.adapters.web.connector;

import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.docs.ApiKeyProblems;
import dev.latchkey.adapters.web.error.Problem;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.GetAllowedOriginsUseCase;
import dev.latchkey.application.port.in.UpdateAllowedOriginsUseCase;
import dev.latchkey.domain.workspace.AllowedOrigins;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

@Controller("/v1/workspace/settings")
@Secured(Roles.API_KEY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Workspace")
@SecurityRequirement(name = "apiKey")
@ApiKeyProblems
public class WorkspaceSettingsController {
    private final GetAllowedOriginsUseCase get;
    private final UpdateAllowedOriginsUseCase update;

    public WorkspaceSettingsController(GetAllowedOriginsUseCase get, UpdateAllowedOriginsUseCase update) {
        this.get = get;
        this.update = update;
    }

    /** @param allowedOrigins origins allowed as return URLs, postMessage targets and iframe parents */
    @Serdeable
    @Schema(name = "WorkspaceSettings")
    public record WorkspaceSettings(List<String> allowedOrigins) {
    }

    @Get
    @Operation(operationId = "getWorkspaceSettings", summary = "Workspace settings")
    public WorkspaceSettings get(Authentication caller) {
        return new WorkspaceSettings(get.get(Caller.workspace(caller)).origins());
    }

    @Put
    @Operation(operationId = "replaceWorkspaceSettings", summary = "Change workspace settings", description = "allowed_origins: scheme://host[:port] each, e.g. https://app.acme.com.")
    @JsonBodyProblems
    public WorkspaceSettings put(@Body WorkspaceSettingsRequest body, Authentication caller) {
        AllowedOrigins allowed = new AllowedOrigins(body.allowedOrigins());
        return new WorkspaceSettings(update.update(Caller.workspace(caller), allowed).origins());
    }
}
