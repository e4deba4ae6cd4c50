package dev.latchkey.adapters.web.config;

import dev.latchkey.adapters.web.docs.PathParameters;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.docs.ApiKeyProblems;
import dev.latchkey.adapters.web.error.Problem;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dev.latchkey.adapters.web.json.JsonBodyReader;
import dev.latchkey.adapters.web.json.PathValues;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.ConfigQuery;
import dev.latchkey.application.port.in.GetConfigUseCase;
import dev.latchkey.application.port.in.ListConfigsUseCase;
import dev.latchkey.application.port.in.SaveConfigCommand;
import dev.latchkey.application.port.in.SaveConfigUseCase;
import dev.latchkey.domain.account.LinkedAccountId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
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

import java.util.LinkedHashMap;
import java.util.Map;

/** A linked account's configs, read and written by the company's backend. */
@Controller("/v1/linked-accounts/{id}/configs")
@Secured(Roles.API_KEY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "App config", description = "A customer's answers to the app's config fields. Session token, or API key + X-Linked-Account-Id.")
@SecurityRequirement(name = "apiKey")
@ApiKeyProblems
public class LinkedAccountConfigController {
    private final ListConfigsUseCase list;
    private final GetConfigUseCase get;
    private final SaveConfigUseCase save;
    private final JsonBodyReader bodies;

    public LinkedAccountConfigController(ListConfigsUseCase list, GetConfigUseCase get, SaveConfigUseCase save, JsonBodyReader bodies) {
        this.list = list;
        this.get = get;
        this.save = save;
        this.bodies = bodies;
    }

    @Get
    @ApiResponse(responseCode = "404", description = "linked_account_not_found: no such linked account in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "listLinkedAccountConfigs", summary = "The account's configs", description = "{data: [{connector, config_id, values, updated_at}], next_cursor: null}: "
            + "every app and config id; values of the current fields, secrets as \"********\".")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/ConfigList")))
    public Map<String, Object> list(@Parameter(description = PathParameters.LINKED_ACCOUNT_ID, example = PathParameters.ACCOUNT_EXAMPLE) String id, Authentication caller) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", list.list(Caller.workspace(caller), PathValues.linkedAccountId(id)).stream().map(ConfigJson::summary).toList());
        out.put("next_cursor", null);
        return out;
    }

    @Get("/{slug}{?config_id}")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "getLinkedAccountConfig", summary = "One config of the account", description = "As GET /v1/apps/{slug}/config answers it.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/Config")))
    public Map<String, Object> get(@Parameter(description = PathParameters.LINKED_ACCOUNT_ID, example = PathParameters.ACCOUNT_EXAMPLE) String id, @Parameter(description = PathParameters.APP_SLUG, example = PathParameters.APP_EXAMPLE) String slug, @Nullable @QueryValue("config_id") String configId, Authentication caller) {
        return ConfigJson.config(get.get(ConfigJson.query(Caller.workspace(caller), PathValues.linkedAccountId(id), PathValues.slug(slug),
                configId)));
    }

    @Put("/{slug}{?config_id}")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "saveLinkedAccountConfig", summary = "Save one config of the account", description = "As PUT /v1/apps/{slug}/config.")
    @ApiResponse(responseCode = "422", description = "invalid_config with errors: [{field, message}]; nothing is saved",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/Config")))
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/ConfigValuesInput")))
    @JsonBodyProblems
    public Map<String, Object> save(@Parameter(description = PathParameters.LINKED_ACCOUNT_ID, example = PathParameters.ACCOUNT_EXAMPLE) String id, @Parameter(description = PathParameters.APP_SLUG, example = PathParameters.APP_EXAMPLE) String slug, @Nullable @QueryValue("config_id") String configId, @Body @Nullable String body,
                                    Authentication caller) {
        LinkedAccountId account = PathValues.linkedAccountId(id);
        ConfigValuesBody input = ConfigValuesBody.of(bodies.readObject(body), configId);
        return ConfigJson.config(save.save(new SaveConfigCommand(new ConfigQuery(Caller.workspace(caller), account, PathValues.slug(slug),
                input.configId()), input.values())));
    }
}
