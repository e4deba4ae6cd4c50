package dev.latchkey.adapters.web.account;

import dev.latchkey.adapters.web.docs.PathParameters;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.docs.ApiKeyProblems;
import dev.latchkey.adapters.web.idempotency.Idempotent;
import dev.latchkey.adapters.web.json.JsonBody;
import dev.latchkey.adapters.web.json.JsonBodyReader;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.json.ListResponse;
import dev.latchkey.adapters.web.json.PathValues;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.CreateLinkedAccountCommand;
import dev.latchkey.application.port.in.CreateLinkedAccountUseCase;
import dev.latchkey.application.port.in.DeleteLinkedAccountUseCase;
import dev.latchkey.application.port.in.GetLinkedAccountUseCase;
import dev.latchkey.application.port.in.ListLinkedAccountsQuery;
import dev.latchkey.application.port.in.ListLinkedAccountsUseCase;
import dev.latchkey.application.port.in.UpdateLinkedAccountCommand;
import dev.latchkey.application.port.in.UpdateLinkedAccountUseCase;
import dev.latchkey.application.port.in.UpsertLinkedAccountResult;
import dev.latchkey.application.port.in.UpsertLinkedAccountUseCase;
import dev.latchkey.domain.FieldChange;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.JsonMapper;
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
import java.util.Optional;

@Controller("/v1/linked-accounts")
@Secured(Roles.API_KEY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Linked accounts", description = "One per customer of your company, created from your backend with the API key.")
@SecurityRequirement(name = "apiKey")
@ApiKeyProblems
public class LinkedAccountController {

    private final CreateLinkedAccountUseCase create;
    private final UpsertLinkedAccountUseCase upsert;
    private final UpdateLinkedAccountUseCase update;
    private final GetLinkedAccountUseCase get;
    private final ListLinkedAccountsUseCase list;
    private final DeleteLinkedAccountUseCase delete;
    private final JsonMapper json;
    private final JsonBodyReader bodies;

    public LinkedAccountController(CreateLinkedAccountUseCase create, UpsertLinkedAccountUseCase upsert,
                                   UpdateLinkedAccountUseCase update, GetLinkedAccountUseCase get,
                                   ListLinkedAccountsUseCase list, DeleteLinkedAccountUseCase delete, JsonMapper json,
                                   JsonBodyReader bodies) {
        this.bodies = bodies;
        this.create = create;
        this.upsert = upsert;
        this.update = update;
        this.get = get;
        this.list = list;
        this.delete = delete;
        this.json = json;
    }

    @Post
    @Idempotent
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, ref = "#/components/parameters/IdempotencyKey")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = LinkedAccountResponse.class)))
    @ApiResponse(responseCode = "409", description = "linked_account_exists: the id is taken; idempotency_key_in_progress: the first request with this Idempotency-Key still runs; retry after Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "createLinkedAccount", summary = "Create a linked account", description = "409 linked_account_exists when the id is taken.")
    @ApiResponse(responseCode = "422", description = "idempotency_key_reused: this Idempotency-Key was first sent with another request",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @JsonBodyProblems
    public HttpResponse<LinkedAccountResponse> create(@Body CreateLinkedAccountRequest body, Authentication caller) {
        LinkedAccount account = create.create(new CreateLinkedAccountCommand(Caller.workspace(caller), new LinkedAccountId(body.id()),
                AccountFields.name(body.name()), AccountFields.metadata(body.metadata(), json)));
        return HttpResponse.created(LinkedAccountResponse.of(account, json), location(account));
    }

    @Put("/{id}")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = LinkedAccountResponse.class)))
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json", schema = @Schema(implementation = LinkedAccountResponse.class)))
    @Operation(operationId = "upsertLinkedAccount", summary = "Create or replace a linked account", description = "201 when created, 200 when it existed.")
    @JsonBodyProblems
    public HttpResponse<LinkedAccountResponse> upsert(@Parameter(description = PathParameters.LINKED_ACCOUNT_ID, example = PathParameters.ACCOUNT_EXAMPLE) String id, @Body ReplaceLinkedAccountRequest body, Authentication caller) {
        Violations violations = new Violations();
        LinkedAccountId pathId = violations.check("id", () -> new LinkedAccountId(id));
        if (body.id() != null && !body.id().equals(id)) {
            violations.add("id", "must equal the id in the path ('" + id + "') or be left out");
        }
        violations.throwIfAny();
        UpsertLinkedAccountResult result = upsert.upsert(new CreateLinkedAccountCommand(Caller.workspace(caller), pathId,
                AccountFields.name(body.name()), AccountFields.metadata(body.metadata(), json)));
        LinkedAccountResponse response = LinkedAccountResponse.of(result.account(), json);
        return result.created() ? HttpResponse.created(response, location(result.account())) : HttpResponse.ok(response);
    }

    @Patch("/{id}")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "updateLinkedAccount", summary = "Update some fields of a linked account",
            description = "Fields left out stay as they are; \"name\": null clears the name; metadata is replaced as a whole.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = UpdateLinkedAccountRequest.class)))
    @JsonBodyProblems
    public LinkedAccountResponse update(@Parameter(description = PathParameters.LINKED_ACCOUNT_ID, example = PathParameters.ACCOUNT_EXAMPLE) String id, @Body @Nullable String body, Authentication caller) {
        JsonBody input = bodies.read(body, "name", "metadata");
        LinkedAccountId accountId = input.check("id", () -> new LinkedAccountId(id));
        FieldChange<AccountName> name = input.change("name", AccountName::new);
        FieldChange<Metadata> metadata = input.objectChange("metadata", Metadata::new);
        input.validate();
        return LinkedAccountResponse.of(update.update(new UpdateLinkedAccountCommand(Caller.workspace(caller), accountId, name, metadata)), json);
    }

    @Get("/{id}")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "getLinkedAccount", summary = "Get a linked account", description = "404 linked_account_not_found for an unknown id, or one of another workspace.")
    public LinkedAccountResponse get(@Parameter(description = PathParameters.LINKED_ACCOUNT_ID, example = PathParameters.ACCOUNT_EXAMPLE) String id, Authentication caller) {
        return LinkedAccountResponse.of(get.get(Caller.workspace(caller), PathValues.linkedAccountId(id)), json);
    }

    @Get("{?limit,cursor,search}")
    @Operation(operationId = "listLinkedAccounts", summary = "List linked accounts", description = "In id order. Pass next_cursor as cursor for the next page; "
            + "a cursor stays valid while accounts are added. search matches a prefix of the id or the name.")
    public ListResponse<LinkedAccountResponse> list(@Parameter(description = "Page size, 1 to " + ListLinkedAccountsQuery.MAX_LIMIT + "; " + ListLinkedAccountsQuery.DEFAULT_LIMIT + " when left out",
            schema = @Schema(type = "integer", minimum = "1", maximum = "" + ListLinkedAccountsQuery.MAX_LIMIT)) @QueryValue @Nullable String limit, @QueryValue @Nullable String cursor,
                                                    @QueryValue @Nullable String search, Authentication caller) {
        int pageSize = parseLimit(limit);
        Page<LinkedAccount> page = list.list(new ListLinkedAccountsQuery(Caller.workspace(caller), pageSize,
                Optional.ofNullable(cursor).filter(c -> !c.isEmpty()), Optional.ofNullable(search)));
        return new ListResponse<>(page.items().stream().map(a -> LinkedAccountResponse.of(a, json)).toList(),
                page.nextCursor().orElse(null));
    }

    @Delete("/{id}")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Status(HttpStatus.NO_CONTENT)
    // No body on success; a client that asks for problem+json (its errors) must not be refused with 406.
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON_PROBLEM})
    @Operation(operationId = "deleteLinkedAccount", summary = "Delete a linked account",
            description = "Deletes everything it holds; its session tokens stop working at once.")
    public void delete(@Parameter(description = PathParameters.LINKED_ACCOUNT_ID, example = PathParameters.ACCOUNT_EXAMPLE) String id, Authentication caller) {
        delete.delete(Caller.workspace(caller), PathValues.linkedAccountId(id));
    }

    private static int parseLimit(@Nullable String limit) {
        if (limit == null) { // an empty limit is no whole number: refused below, as the document types it
            return ListLinkedAccountsQuery.DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= ListLinkedAccountsQuery.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidInputException.of("limit", "must be a whole number from 1 to " + ListLinkedAccountsQuery.MAX_LIMIT);
    }

    private static URI location(LinkedAccount account) {
        return URI.create("/v1/linked-accounts/" + account.id().value());
    }
}
