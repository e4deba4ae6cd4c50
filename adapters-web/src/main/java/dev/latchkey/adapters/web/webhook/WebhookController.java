package dev.latchkey.adapters.web.webhook;

import dev.latchkey.adapters.web.docs.IdempotencyProblems;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.docs.ApiKeyProblems;
import dev.latchkey.adapters.web.idempotency.Idempotent;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.json.ListResponse;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.CreateWebhookCommand;
import dev.latchkey.application.port.in.CreateWebhookUseCase;
import dev.latchkey.application.port.in.CreatedWebhookResult;
import dev.latchkey.application.port.in.DeleteWebhookUseCase;
import dev.latchkey.application.port.in.ListWebhookDeliveriesUseCase;
import dev.latchkey.application.port.in.ListWebhooksUseCase;
import dev.latchkey.application.port.in.RedeliverWebhookUseCase;
import dev.latchkey.application.port.in.RotateWebhookSecretUseCase;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.webhook.WebhookDeliveryId;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
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
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** A workspace's webhook endpoints and their deliveries, from the company's backend. */
@Controller("/v1/webhooks")
@Secured(Roles.API_KEY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Webhooks", description = "Hear about connections by signed POSTs (Standard Webhooks).")
@SecurityRequirement(name = "apiKey")
@ApiKeyProblems
public class WebhookController {
    private final CreateWebhookUseCase create;
    private final ListWebhooksUseCase list;
    private final DeleteWebhookUseCase delete;
    private final RotateWebhookSecretUseCase rotate;
    private final ListWebhookDeliveriesUseCase deliveries;
    private final RedeliverWebhookUseCase redeliver;

    public WebhookController(CreateWebhookUseCase create, ListWebhooksUseCase list, DeleteWebhookUseCase delete,
                             RotateWebhookSecretUseCase rotate, ListWebhookDeliveriesUseCase deliveries, RedeliverWebhookUseCase redeliver) {
        this.create = create;
        this.list = list;
        this.delete = delete;
        this.rotate = rotate;
        this.deliveries = deliveries;
        this.redeliver = redeliver;
    }

    @Post
    @Idempotent
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, ref = "#/components/parameters/IdempotencyKey")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookResponse.class)))
    @Operation(operationId = "createWebhook", summary = "Add a webhook endpoint", description = "The answer holds the signing secret (whsec_...), shown only this once.")
    @IdempotencyProblems
    @JsonBodyProblems
    public HttpResponse<WebhookResponse> create(@Body CreateWebhookRequest body, Authentication caller) {
        CreatedWebhookResult created = create.create(new CreateWebhookCommand(Caller.workspace(caller), body.url(), body.events()));
        return HttpResponse.created(WebhookResponse.withSecret(created), URI.create("/v1/webhooks/" + created.endpoint().id()));
    }

    @Get
    @Operation(operationId = "listWebhooks", summary = "The workspace's webhook endpoints (without secrets)")
    public ListResponse<WebhookResponse> list(Authentication caller) {
        return new ListResponse<>(list.list(Caller.workspace(caller)).stream().map(WebhookResponse::of).toList(), null);
    }

    @Delete("/{id}")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Status(HttpStatus.NO_CONTENT)
    // No body on success; a client that asks for problem+json (its errors) must not be refused with 406.
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON_PROBLEM})
    @Operation(operationId = "deleteWebhook", summary = "Remove a webhook endpoint", description = "Its pending deliveries are dropped.")
    public void delete(String id, Authentication caller) {
        delete.delete(Caller.workspace(caller), endpointId(id));
    }

    @Post("/{id}/rotate-secret")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "rotateWebhookSecret", summary = "A new signing secret", description = "Replaces the old one at once, also for retries; shown only this once.")
    public WebhookResponse rotateSecret(String id, Authentication caller) {
        return WebhookResponse.withSecret(rotate.rotateSecret(Caller.workspace(caller), endpointId(id)));
    }

    @Get("/{id}/deliveries")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Operation(operationId = "listWebhookDeliveries", summary = "The endpoint's latest deliveries (100, newest first)")
    public ListResponse<WebhookDeliveryResponse> deliveries(String id, Authentication caller) {
        return new ListResponse<>(deliveries.deliveries(Caller.workspace(caller), endpointId(id)).stream()
                .map(WebhookDeliveryResponse::of).toList(), null);
    }

    @Post("/{id}/deliveries/{deliveryId}/redeliver")
    @ApiResponse(responseCode = "404", description = "*_not_found: what the path names does not exist in the caller's workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @Status(HttpStatus.ACCEPTED)
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send a delivery again", description = "Pending and due now, retried with backoff for another 24 hours; "
            + "the same event id (webhook-id).")
    public WebhookDeliveryResponse redeliver(String id, String deliveryId, Authentication caller) {
        WebhookDeliveryId delivery;
        try {
            delivery = WebhookDeliveryId.parse(deliveryId);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("delivery_id", e.getMessage());
        }
        return WebhookDeliveryResponse.of(redeliver.redeliver(Caller.workspace(caller), endpointId(id), delivery));
    }

    private static WebhookEndpointId endpointId(String id) {
        try {
            return WebhookEndpointId.parse(id);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("id", e.getMessage());
        }
    }
}
