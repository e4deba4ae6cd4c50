package dev.latchkey.adapters.web.connector;

import dev.latchkey.adapters.web.docs.PathParameters;
import dev.latchkey.adapters.web.docs.IdempotencyProblems;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.docs.ApiKeyProblems;
import dev.latchkey.adapters.web.idempotency.Idempotent;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.json.JsonBodyReader;
import dev.latchkey.adapters.web.json.ListResponse;
import dev.latchkey.adapters.web.json.PathValues;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.ConfigureConnectorCommand;
import dev.latchkey.application.port.in.ConfigureConnectorUseCase;
import dev.latchkey.application.port.in.DefinePrivateConnectorUseCase;
import dev.latchkey.application.port.in.DeletePrivateConnectorUseCase;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.ListConnectorsUseCase;
import dev.latchkey.domain.connector.ConnectorSlug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
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
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

@Controller("/v1/connectors")
@Secured(Roles.API_KEY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Connectors", description = "The catalog, your OAuth apps (white-label), scopes, and your private connectors.")
@SecurityRequirement(name = "apiKey")
@ApiKeyProblems
public class ConnectorController {
    private final ListConnectorsUseCase list;
    private final GetConnectorUseCase get;
    private final ConfigureConnectorUseCase configure;
    private final DefinePrivateConnectorUseCase define;
    private final DeletePrivateConnectorUseCase delete;
    private final JsonBodyReader bodies;
    private final PublicUrl publicUrl;

    public ConnectorController(ListConnectorsUseCase list, GetConnectorUseCase get, ConfigureConnectorUseCase configure,
                               DefinePrivateConnectorUseCase define, DeletePrivateConnectorUseCase delete, JsonBodyReader bodies,
                               PublicUrl publicUrl) {
        this.list = list;
        this.get = get;
        this.configure = configure;
        this.define = define;
        this.delete = delete;
        this.bodies = bodies;
        this.publicUrl = publicUrl;
    }

    @Get
    @Operation(operationId = "listConnectors", summary = "The catalog", description = "Built-in and private connectors with this workspace's settings.")
    public ListResponse<ConnectorResponse> list(Authentication caller) {
        return new ListResponse<>(list.list(Caller.workspace(caller)).stream()
                .map(v -> ConnectorResponse.of(v, publicUrl)).toList(), null);
    }

    @Get("/{slug}")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "getConnector", summary = "One connector", description = "redirect_uri is the URI to register with the provider for your OAuth app.")
    public ConnectorResponse get(@Parameter(description = PathParameters.CONNECTOR_SLUG, example = PathParameters.APP_EXAMPLE) String slug, Authentication caller) {
        return ConnectorResponse.of(get.get(Caller.workspace(caller), PathValues.slug(slug)), publicUrl);
    }

    @Put("/{slug}/settings")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "configureConnector", summary = "Configure a connector", description = "Enable or disable it, set your own OAuth app (the client secret is "
            + "stored encrypted and never returned) and the scopes to ask for.")
    @JsonBodyProblems
    public ConnectorResponse configure(@Parameter(description = PathParameters.CONNECTOR_SLUG, example = PathParameters.APP_EXAMPLE) String slug, @Body ConnectorSettingsRequest body, Authentication caller) {
        ConnectorSlug connector = PathValues.slug(slug);
        return ConnectorResponse.of(configure.configure(new ConfigureConnectorCommand(Caller.workspace(caller), connector,
                Optional.ofNullable(body.enabled()), body.clientIdValue(), body.clientSecretValue(), Optional.ofNullable(body.scopes()))), publicUrl);
    }

    @Post
    @Idempotent
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, ref = "#/components/parameters/IdempotencyKey")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ConnectorResponse.class)))
    @Operation(operationId = "createConnector", summary = "Define a private connector", description = "A full definition, the same shape as a connector file, as JSON. "
            + "A slug of the built-in catalog is refused.")
    @IdempotencyProblems
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/ConnectorDefinitionInput")))
    @JsonBodyProblems
    public HttpResponse<ConnectorResponse> create(@Body @Nullable String body, Authentication caller) {
        Map<String, Object> definition = bodies.readObject(body);
        var view = define.create(Caller.workspace(caller), definition);
        return HttpResponse.created(ConnectorResponse.of(view, publicUrl),
                URI.create("/v1/connectors/" + view.definition().slug()));
    }

    @Put("/{slug}")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "replaceConnector", summary = "Replace a private connector's definition")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/ConnectorDefinitionInput")))
    @JsonBodyProblems
    public ConnectorResponse replace(@Parameter(description = PathParameters.PRIVATE_CONNECTOR_SLUG, example = "acme-crm") String slug, @Body @Nullable String body, Authentication caller) {
        return ConnectorResponse.of(define.replace(Caller.workspace(caller), PathValues.slug(slug), bodies.readObject(body)), publicUrl);
    }

    @Delete("/{slug}")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Status(HttpStatus.NO_CONTENT)
    // No body on success; a client that asks for problem+json (its errors) must not be refused with 406.
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON_PROBLEM})
    @Operation(operationId = "deleteConnector", summary = "Delete a private connector")
    public void delete(@Parameter(description = PathParameters.PRIVATE_CONNECTOR_SLUG, example = "acme-crm") String slug, Authentication caller) {
        delete.delete(Caller.workspace(caller), PathValues.slug(slug));
    }
}
