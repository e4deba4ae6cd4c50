package dev.latchkey.adapters.web.config;

import dev.latchkey.adapters.web.docs.PathParameters;
import dev.latchkey.adapters.web.docs.CredentialProblems;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.json.JsonBodyReader;
import dev.latchkey.adapters.web.json.PathValues;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.DefineConfigFieldsCommand;
import dev.latchkey.application.port.in.DefineConfigFieldsUseCase;
import dev.latchkey.application.port.in.GetConfigFieldsUseCase;
import dev.latchkey.application.port.in.ResetConfigFieldsUseCase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Map;
import java.util.Set;

/** The questions a workspace asks its customers about a connector, from the company's backend. */
@Controller("/v1/connectors/{slug}/config-fields")
@Secured(Roles.API_KEY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Config fields", description = "What a customer sets up once connected: definitions per connector (API key).")
@SecurityRequirement(name = "apiKey")
@CredentialProblems
@ApiResponse(responseCode = "403", description = "forbidden_for_session_token: this endpoint takes the API key",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "404", description = "connector_not_found: no such connector in the workspace",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class ConfigFieldsController {
    private final DefineConfigFieldsUseCase define;
    private final GetConfigFieldsUseCase get;
    private final ResetConfigFieldsUseCase reset;
    private final JsonBodyReader bodies;

    public ConfigFieldsController(DefineConfigFieldsUseCase define, GetConfigFieldsUseCase get, ResetConfigFieldsUseCase reset,
                                  JsonBodyReader bodies) {
        this.define = define;
        this.get = get;
        this.reset = reset;
        this.bodies = bodies;
    }

    @Put
    @Operation(operationId = "defineConfigFields", summary = "Define the connector's config fields", description = "Replaces the workspace's ordered list of fields "
            + "(overriding the connector file's defaults). 400 names every malformed definition by path, e.g. fields[2].options. "
            + "Stored values are never touched: values of removed fields are kept, values that no longer fit show in field_errors.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/ConfigFields")))
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/ConfigFieldsInput")))
    @JsonBodyProblems
    public Map<String, Object> define(@Parameter(description = PathParameters.CONNECTOR_SLUG, example = PathParameters.APP_EXAMPLE) String slug, @Body @Nullable String body, Authentication caller) {
        Map<String, Object> input = bodies.readObject(body);
        ConfigJson.onlyKeys(input, Set.of("fields"));
        return ConfigJson.fields(define.define(new DefineConfigFieldsCommand(Caller.workspace(caller), PathValues.slug(slug),
                input.get("fields"))));
    }

    @Get
    @Operation(operationId = "getConfigFields", summary = "The connector's config fields in effect", description = "The workspace's own, else the connector file's "
            + "defaults; source is workspace, connector or none.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/ConfigFields")))
    public Map<String, Object> get(@Parameter(description = PathParameters.CONNECTOR_SLUG, example = PathParameters.APP_EXAMPLE) String slug, Authentication caller) {
        return ConfigJson.fields(get.get(Caller.workspace(caller), PathValues.slug(slug)));
    }

    @Delete
    @Status(HttpStatus.NO_CONTENT)
    // No body on success; a client that asks for problem+json (its errors) must not be refused with 406.
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON_PROBLEM})
    @Operation(operationId = "resetConfigFields", summary = "Back to the connector file's config fields", description = "Stored values are kept.")
    public void reset(@Parameter(description = PathParameters.CONNECTOR_SLUG, example = PathParameters.APP_EXAMPLE) String slug, Authentication caller) {
        reset.reset(Caller.workspace(caller), PathValues.slug(slug));
    }
}
