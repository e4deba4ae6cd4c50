package dev.latchkey.adapters.web.config;

import dev.latchkey.adapters.web.docs.PathParameters;
import dev.latchkey.adapters.web.docs.CredentialProblems;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.json.JsonBodyReader;
import dev.latchkey.adapters.web.json.ListResponse;
import dev.latchkey.adapters.web.json.PathValues;
import dev.latchkey.adapters.web.security.AccountCaller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.ConfigQuery;
import dev.latchkey.application.port.in.DeleteConfigUseCase;
import dev.latchkey.application.port.in.GetConfigUseCase;
import dev.latchkey.application.port.in.ListConfigOptionsQuery;
import dev.latchkey.application.port.in.ListConfigOptionsUseCase;
import dev.latchkey.application.port.in.SaveConfigCommand;
import dev.latchkey.application.port.in.SaveConfigUseCase;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.config.ConfigOption;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
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
import java.util.Optional;

/**
 * A customer's config of a connected app, as the portal and the SDKs read and save it. A session
 * token acts for its own linked account; an API key for the account in {@code X-Linked-Account-Id}.
 */
@Controller("/v1/apps/{slug}/config")
@Secured({Roles.SESSION, Roles.API_KEY})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "App config", description = "A customer's answers to the app's config fields. Session token, or API key + X-Linked-Account-Id.")
@SecurityRequirement(name = "sessionToken")
@SecurityRequirement(name = "apiKey")
@CredentialProblems
@ApiResponse(responseCode = "403", description = "forbidden: these credentials may not use this endpoint",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "404", description = "linked_account_not_found: with an API key, X-Linked-Account-Id names no linked account of the workspace; *_not_found: what the path names does not exist",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class AppConfigController {
    private final GetConfigUseCase get;
    private final SaveConfigUseCase save;
    private final DeleteConfigUseCase delete;
    private final ListConfigOptionsUseCase options;
    private final JsonBodyReader bodies;

    public AppConfigController(GetConfigUseCase get, SaveConfigUseCase save, DeleteConfigUseCase delete, ListConfigOptionsUseCase options,
                               JsonBodyReader bodies) {
        this.get = get;
        this.save = save;
        this.delete = delete;
        this.options = options;
        this.bodies = bodies;
    }

    @Get("{?config_id}")
    @Operation(operationId = "getAppConfig", summary = "The app's config", description = "{connector, config_id, sections, fields: [definition + value], field_errors, "
            + "updated_at}. value is the stored value, else the default, else null; a stored secret is \"********\". field_errors lists "
            + "stored values that no longer fit their field after a definition changed.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/Config")))
    public Map<String, Object> get(@Parameter(description = PathParameters.APP_SLUG, example = PathParameters.APP_EXAMPLE) String slug, @Nullable @QueryValue("config_id") String configId, Authentication auth,
                                   HttpRequest<?> request) {
        AccountCaller caller = AccountCaller.of(auth, request);
        return ConfigJson.config(get.get(ConfigJson.query(caller.workspaceId(), caller.accountId(), PathValues.slug(slug), configId)));
    }

    @Put("{?config_id}")
    @Operation(operationId = "saveAppConfig", summary = "Save the app's config", description = "The complete values of the config. 422 invalid_config lists every "
            + "invalid value at once (mapping entries as field.source_key); nothing is saved. Unknown keys are refused. Fields whose "
            + "depends_on does not hold are neither required nor checked. Sending \"********\" for a secret keeps the stored one. "
            + "Emits config.updated with the changed keys.")
    @ApiResponse(responseCode = "422", description = "invalid_config with errors: [{field, message}]",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/Config")))
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/ConfigValuesInput")))
    @JsonBodyProblems
    public Map<String, Object> save(@Parameter(description = PathParameters.APP_SLUG, example = PathParameters.APP_EXAMPLE) String slug, @Nullable @QueryValue("config_id") String configId, @Body @Nullable String body,
                                    Authentication auth, HttpRequest<?> request) {
        AccountCaller caller = AccountCaller.of(auth, request);
        ConnectorSlug connector = PathValues.slug(slug);
        ConfigValuesBody input = ConfigValuesBody.of(bodies.readObject(body), configId);
        return ConfigJson.config(save.save(new SaveConfigCommand(new ConfigQuery(caller.workspaceId(), caller.accountId(), connector,
                input.configId()), input.values())));
    }

    @Delete("{?config_id}")
    @Status(HttpStatus.NO_CONTENT)
    // No body on success; a client that asks for problem+json (its errors) must not be refused with 406.
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON_PROBLEM})
    @Operation(operationId = "deleteAppConfig", summary = "Forget the app's config", description = "All its values, also those of removed fields.")
    public void delete(@Parameter(description = PathParameters.APP_SLUG, example = PathParameters.APP_EXAMPLE) String slug, @Nullable @QueryValue("config_id") String configId, Authentication auth, HttpRequest<?> request) {
        AccountCaller caller = AccountCaller.of(auth, request);
        delete.delete(ConfigJson.query(caller.workspaceId(), caller.accountId(), PathValues.slug(slug), configId));
    }

    @Get("/fields/{key}/options{?config_id,search,cursor,connection_id}")
    @ApiResponse(responseCode = "409", description = "not_connected, connection_expired: no usable connection to read the options with",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "502", description = "provider_unavailable: the provider failed, with Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "listConfigFieldOptions", summary = "The options of a select, multi_select or mapping field", description = "Static options filtered by search, "
            + "or one page of the provider's (options_from), fetched with the customer's connection: pass next_cursor back as cursor. "
            + "connection_id picks the connection when the account has several to the app; without it, the most recently created "
            + "active one is used. 409 not_connected / connection_expired without a usable connection; 404 connection_not_found for "
            + "an unknown connection_id; 502 provider_unavailable when the provider fails.")
    public ListResponse<OptionResponse> options(@Parameter(description = PathParameters.APP_SLUG, example = PathParameters.APP_EXAMPLE) String slug, String key, @Nullable @QueryValue("config_id") String configId,
                                                @Nullable @QueryValue String search, @Nullable @QueryValue String cursor,
                                                @Nullable @QueryValue("connection_id") String connectionId,
                                                Authentication auth, HttpRequest<?> request) {
        AccountCaller caller = AccountCaller.of(auth, request);
        ConfigQuery config = ConfigJson.query(caller.workspaceId(), caller.accountId(), PathValues.slug(slug), configId);
        Optional<ConnectionId> connection;
        try {
            connection = Optional.ofNullable(connectionId).filter(c -> !c.isEmpty()).map(ConnectionId::parse);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("connection_id", e.getMessage());
        }
        ListConfigOptionsQuery query;
        try {
            query = new ListConfigOptionsQuery(config, key, Optional.ofNullable(search), Optional.ofNullable(cursor).filter(c -> !c.isEmpty()),
                    connection);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw InvalidInputException.of(message.startsWith("search") ? "search" : "cursor", message);
        }
        Page<ConfigOption> page = options.options(query);
        return new ListResponse<>(page.items().stream().map(o -> new OptionResponse(o.label(), o.value())).toList(),
                page.nextCursor().orElse(null));
    }
}
