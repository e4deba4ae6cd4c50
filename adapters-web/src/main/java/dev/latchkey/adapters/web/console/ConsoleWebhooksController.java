package dev.latchkey.adapters.web.console;

import dev.latchkey.application.port.in.CreateWebhookCommand;
import dev.latchkey.application.port.in.CreateWebhookUseCase;
import dev.latchkey.application.port.in.CreatedWebhookResult;
import dev.latchkey.application.port.in.DeleteWebhookUseCase;
import dev.latchkey.application.port.in.ListWebhookDeliveriesUseCase;
import dev.latchkey.application.port.in.ListWebhooksUseCase;
import dev.latchkey.application.port.in.RedeliverWebhookUseCase;
import dev.latchkey.application.port.in.RotateWebhookSecretUseCase;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.webhook.WebhookDeliveryId;
import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A workspace's webhook endpoints with their latest deliveries ("did we tell our backend?"): event,
 * status, attempts, the endpoint's last status code and the start of its answer; redeliver. Admin and
 * owner add an endpoint (its URL checked as POST /v1/webhooks checks it), rotate its signing secret
 * (the new one shown on the answer's page, once) and remove it. Every action goes through the use case
 * the /v1/webhooks API uses.
 */
@Controller(ConsolePaths.ROOT + "/workspaces/{workspaceId}/webhooks")
@Requires(beans = ConsoleSettings.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class ConsoleWebhooksController {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleWebhooksController.class);

    private final ConsoleWorkspaces workspaces;
    private final ListWebhooksUseCase endpoints;
    private final ListWebhookDeliveriesUseCase deliveries;
    private final RedeliverWebhookUseCase redeliver;
    private final CreateWebhookUseCase create;
    private final RotateWebhookSecretUseCase rotate;
    private final DeleteWebhookUseCase delete;
    private final ConsolePages pages;

    public ConsoleWebhooksController(ConsoleWorkspaces workspaces, ListWebhooksUseCase endpoints, ListWebhookDeliveriesUseCase deliveries,
                                     RedeliverWebhookUseCase redeliver, CreateWebhookUseCase create, RotateWebhookSecretUseCase rotate,
                                     DeleteWebhookUseCase delete, ConsolePages pages) {
        this.workspaces = workspaces;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.redeliver = redeliver;
        this.create = create;
        this.rotate = rotate;
        this.delete = delete;
        this.pages = pages;
    }

    @Get("{?redelivered,deleted}")
    public MutableHttpResponse<?> webhooks(String workspaceId, @QueryValue @Nullable String redelivered, @QueryValue @Nullable String deleted,
                                           ConsoleSession session, HttpRequest<?> request) {
        Workspace workspace = workspaces.require(workspaceId, session);
        return page(HttpStatus.OK, workspace, redelivered != null, deleted != null, null, List.of(), Map.of(), session, request);
    }

    @ConsoleAction("console.createWebhook")
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> create(String workspaceId, @Body Map<String, String> form, ConsoleSession session, HttpRequest<?> request) {
        ConsoleChecks.csrf(session, form);
        Workspace workspace = workspaces.require(workspaceId, session);
        ConsoleChecks.mayChange(session, workspace);
        String url = form.getOrDefault("url", "").strip();
        String events = form.getOrDefault("events", "").strip();
        List<String> types = Arrays.stream(events.split("[,\\s]+")).filter(t -> !t.isEmpty()).toList();
        CreatedWebhookResult created;
        try {
            created = create.create(new CreateWebhookCommand(workspace.id(), url, types));
        } catch (InvalidInputException e) {
            return page(HttpStatus.BAD_REQUEST, workspace, false, false, null,
                    e.violations().stream().map(v -> v.field() + ": " + v.message()).toList(), Map.of("url", url, "events", events), session, request);
        }
        ConsoleAuditFilter.created(request, created.endpoint().id().toString());
        LOG.info("Console user {} added the webhook endpoint {} of workspace {}", session.subject(), created.endpoint().id(), workspace.id());
        return page(HttpStatus.CREATED, workspace, false, false,
                new WebhooksView.Secret(created.endpoint().url().toString(), "created", created.secret().reveal()), List.of(), Map.of(),
                session, request);
    }

    @ConsoleAction("console.rotateWebhookSecret")
    @Post(value = "/{endpointId}/rotate-secret", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> rotateSecret(String workspaceId, String endpointId, @Body Map<String, String> form, ConsoleSession session,
                                               HttpRequest<?> request) {
        ConsoleChecks.csrf(session, form);
        Workspace workspace = workspaces.require(workspaceId, session);
        ConsoleChecks.mayChange(session, workspace);
        CreatedWebhookResult rotated;
        try {
            rotated = rotate.rotateSecret(workspace.id(), WebhookEndpointId.parse(endpointId));
        } catch (IllegalArgumentException | NotFoundException e) {
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.NOT_FOUND);
        }
        LOG.info("Console user {} rotated the signing secret of the webhook endpoint {} of workspace {}", session.subject(), endpointId,
                workspace.id());
        return page(HttpStatus.OK, workspace, false, false,
                new WebhooksView.Secret(rotated.endpoint().url().toString(), "rotated", rotated.secret().reveal()), List.of(), Map.of(),
                session, request);
    }

    @ConsoleAction("console.deleteWebhook")
    @Post(value = "/{endpointId}/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> delete(String workspaceId, String endpointId, @Body Map<String, String> form, ConsoleSession session) {
        ConsoleChecks.csrf(session, form);
        Workspace workspace = workspaces.require(workspaceId, session);
        ConsoleChecks.mayChange(session, workspace);
        try {
            delete.delete(workspace.id(), WebhookEndpointId.parse(endpointId));
        } catch (IllegalArgumentException | NotFoundException e) {
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.NOT_FOUND);
        }
        LOG.info("Console user {} removed the webhook endpoint {} of workspace {}", session.subject(), endpointId, workspace.id());
        return HttpResponse.seeOther(URI.create(ConsolePaths.workspace(workspaceId) + "/webhooks?deleted=1"));
    }

    private MutableHttpResponse<?> page(HttpStatus status, Workspace workspace, boolean redelivered, boolean deleted,
                                        @Nullable WebhooksView.Secret secret, List<String> problems, Map<String, String> form,
                                        ConsoleSession session, HttpRequest<?> request) {
        List<WebhookEndpoint> all = endpoints.list(workspace.id());
        WebhooksView view = WebhooksView.of(workspace, all.stream()
                .map(e -> Map.entry(e, deliveries.deliveries(workspace.id(), e.id()))).toList(), redelivered, deleted, secret, problems, form);
        return pages.render(status, view, session, workspace, request);
    }

    @ConsoleAction("console.redeliverWebhookDelivery")
    @Post(value = "/{endpointId}/deliveries/{deliveryId}/redeliver", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> redeliver(String workspaceId, String endpointId, String deliveryId, @Body Map<String, String> form,
                                            ConsoleSession session) {
        ConsoleChecks.csrf(session, form);
        Workspace workspace = workspaces.require(workspaceId, session);
        ConsoleChecks.mayChange(session, workspace);
        try {
            redeliver.redeliver(workspace.id(), WebhookEndpointId.parse(endpointId), WebhookDeliveryId.parse(deliveryId));
        } catch (IllegalArgumentException | NotFoundException e) {
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.NOT_FOUND);
        }
        LOG.info("Console user {} redelivered the webhook delivery {} of workspace {}", session.subject(), deliveryId, workspace.id());
        return HttpResponse.seeOther(URI.create(ConsolePaths.workspace(workspaceId) + "/webhooks?redelivered=1"));
    }
}
