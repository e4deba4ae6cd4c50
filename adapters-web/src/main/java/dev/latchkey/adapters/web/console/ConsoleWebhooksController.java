package dev.latchkey.adapters.web.console;

import dev.latchkey.application.port.in.ListWebhookDeliveriesUseCase;
import dev.latchkey.application.port.in.ListWebhooksUseCase;
import dev.latchkey.application.port.in.RedeliverWebhookUseCase;
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
import java.util.List;
import java.util.Map;

/**
 * A workspace's webhook endpoints with their latest deliveries ("did we tell our backend?"): event,
 * status, attempts, the endpoint's last answer; redeliver (admin, owner).
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
    private final ConsolePages pages;

    public ConsoleWebhooksController(ConsoleWorkspaces workspaces, ListWebhooksUseCase endpoints, ListWebhookDeliveriesUseCase deliveries,
                                     RedeliverWebhookUseCase redeliver, ConsolePages pages) {
        this.workspaces = workspaces;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.redeliver = redeliver;
        this.pages = pages;
    }

    @Get("{?redelivered}")
    public MutableHttpResponse<?> webhooks(String workspaceId, @QueryValue @Nullable String redelivered, ConsoleSession session,
                                           HttpRequest<?> request) {
        Workspace workspace = workspaces.require(workspaceId, session);
        List<WebhookEndpoint> all = endpoints.list(workspace.id());
        WebhooksView view = WebhooksView.of(workspace, all.stream()
                .map(e -> Map.entry(e, deliveries.deliveries(workspace.id(), e.id()))).toList(), redelivered != null);
        return pages.render(HttpStatus.OK, view, session, workspace, request);
    }

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
