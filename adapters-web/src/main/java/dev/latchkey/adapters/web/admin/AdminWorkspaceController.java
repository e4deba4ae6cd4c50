package dev.latchkey.adapters.web.admin;

import dev.latchkey.adapters.web.docs.CredentialProblems;
import dev.latchkey.adapters.web.docs.IdempotencyProblems;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.idempotency.Idempotent;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.json.ListResponse;
import dev.latchkey.adapters.web.json.PathValues;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.CreateApiKeyUseCase;
import dev.latchkey.application.port.in.CreateWorkspaceCommand;
import dev.latchkey.application.port.in.CreateWorkspaceUseCase;
import dev.latchkey.application.port.in.ListWorkspacesUseCase;
import dev.latchkey.application.port.in.RotateEncryptionKeyUseCase;
import dev.latchkey.application.port.in.WorkspaceWithKey;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The operator's endpoints, present only when {@code LATCHKEY_ADMIN_TOKEN} is set. */
@Controller("/admin/v1")
@Requires(property = "latchkey.admin-token")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Operator", description = "Workspaces and their API keys. Authorization: Bearer $LATCHKEY_ADMIN_TOKEN.")
@SecurityRequirement(name = "adminToken")
@CredentialProblems
@ApiResponse(responseCode = "403", description = "admin_token_required",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "404", description = "not_found: the admin API is off (LATCHKEY_ADMIN_TOKEN unset); workspace_not_found: what the path names does not exist",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class AdminWorkspaceController {
    private final CreateWorkspaceUseCase createWorkspace;
    private final CreateApiKeyUseCase createKey;
    private final ListWorkspacesUseCase listWorkspaces;
    private final RotateEncryptionKeyUseCase rotate;

    public AdminWorkspaceController(CreateWorkspaceUseCase createWorkspace, CreateApiKeyUseCase createKey,
                                    ListWorkspacesUseCase listWorkspaces, RotateEncryptionKeyUseCase rotate) {
        this.rotate = rotate;
        this.createWorkspace = createWorkspace;
        this.createKey = createKey;
        this.listWorkspaces = listWorkspaces;
    }

    @Post("/workspaces")
    @Idempotent
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, ref = "#/components/parameters/IdempotencyKey")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreatedWorkspaceResponse.class)))
    @ApiResponse(responseCode = "409", description = "workspace_exists: the name is taken; idempotency_key_in_progress: the first request with this Idempotency-Key still runs; retry after Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "createWorkspace", summary = "Create a workspace", description = "Returns its first API key, shown once. 409 workspace_exists for a taken name.")
    @ApiResponse(responseCode = "422", description = "idempotency_key_reused: this Idempotency-Key was first sent with another request",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @JsonBodyProblems
    public HttpResponse<CreatedWorkspaceResponse> create(@Body CreateWorkspaceRequest body) {
        WorkspaceWithKey created = createWorkspace.create(new CreateWorkspaceCommand(body.workspaceName(), body.workspaceEnvironment()));
        return HttpResponse.created(new CreatedWorkspaceResponse(WorkspaceResponse.of(created.workspace()), ApiKeyResponse.of(created)));
    }

    @Get("/workspaces")
    @Operation(operationId = "listWorkspaces", summary = "List workspaces")
    public ListResponse<WorkspaceResponse> list() {
        return new ListResponse<>(listWorkspaces.list().stream().map(WorkspaceResponse::of).toList(), null);
    }

    @Post("/workspaces/{id}/api-keys")
    @Idempotent
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, ref = "#/components/parameters/IdempotencyKey")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiKeyResponse.class)))
    @Operation(operationId = "createApiKey", summary = "Add an API key to a workspace", description = "For rotation: add a key, move your backend to it. Shown once.")
    @IdempotencyProblems
    public HttpResponse<ApiKeyResponse> createKey(String id) {
        return HttpResponse.created(ApiKeyResponse.of(createKey.create(PathValues.workspaceId(id))));
    }

    /** @param reencrypted secrets moved to the first key now; remaining: still under an older key (0 when done) */
    @io.micronaut.serde.annotation.Serdeable
    @Schema(name = "EncryptionRotation")
    public record RotationResponse(long reencrypted, long remaining) {
    }

    @Post("/encryption/rotate")
    @Operation(operationId = "rotateEncryption", summary = "Re-encrypt every secret under the current key", description = "After putting a new key first in "
            + "LATCHKEY_ENCRYPTION_KEYS (and restarting), this moves every stored secret to it, in small batches, while serving. "
            + "Then the old key can be removed.")
    public RotationResponse rotate() {
        var result = rotate.rotate();
        return new RotationResponse(result.reencrypted(), result.remaining());
    }
}
