package dev.latchkey.adapters.web.console;

import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.application.port.in.ConfigureConnectorCommand;
import dev.latchkey.application.port.in.ConfigureConnectorUseCase;
import dev.latchkey.application.port.in.ListConnectorsUseCase;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.connector.ConnectorSlug;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace's connector catalog: each connector enabled or not (a switch for admin and owner), and
 * for OAuth connectors whether the workspace has its OAuth app (those without one cannot be connected
 * yet, and customers are not offered them), with the redirect URI to register at the provider. The
 * owner sets an OAuth app's client id and secret; the secret is write-only: never rendered back, shown
 * as "set". Both go through the use case PUT /v1/connectors/{slug}/settings uses.
 */
@Controller(ConsolePaths.ROOT + "/workspaces/{workspaceId}/connectors")
@Requires(beans = ConsoleSettings.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class ConsoleConnectorsController {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleConnectorsController.class);

    private final ConsoleWorkspaces workspaces;
    private final ListConnectorsUseCase connectors;
    private final ConfigureConnectorUseCase configure;
    private final PublicUrl publicUrl;
    private final ConsolePages pages;

    public ConsoleConnectorsController(ConsoleWorkspaces workspaces, ListConnectorsUseCase connectors, ConfigureConnectorUseCase configure,
                                       PublicUrl publicUrl, ConsolePages pages) {
        this.workspaces = workspaces;
        this.connectors = connectors;
        this.configure = configure;
        this.publicUrl = publicUrl;
        this.pages = pages;
    }

    @Get("{?changed}")
    public MutableHttpResponse<?> connectors(String workspaceId, @QueryValue @Nullable String changed, ConsoleSession session,
                                             HttpRequest<?> request) {
        Workspace workspace = workspaces.require(workspaceId, session);
        return pages.render(HttpStatus.OK, ConnectorsView.of(workspace, connectors.list(workspace.id()), publicUrl.oauthRedirectUri(), changed,
                List.of()), session, workspace, request);
    }

    @ConsoleAction("console.setOAuthApp")
    @Post(value = "/{slug}/oauth-app", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> oauthApp(String workspaceId, String slug, @Body Map<String, String> form, ConsoleSession session,
                                           HttpRequest<?> request) {
        ConsoleChecks.csrf(session, form);
        Workspace workspace = workspaces.require(workspaceId, session);
        ConsoleChecks.mayManageCredentials(session, workspace);
        String clientId = form.getOrDefault("client_id", "").strip();
        String clientSecret = form.getOrDefault("client_secret", "").strip(); // empty: keep the stored one
        ConnectorSlug connector;
        try {
            connector = new ConnectorSlug(slug);
        } catch (IllegalArgumentException e) {
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.NOT_FOUND);
        }
        List<String> problems = new ArrayList<>();
        if (clientId.isEmpty()) {
            problems.add("client_id: is required: your OAuth app's client id at the provider");
        }
        if (problems.isEmpty()) {
            try {
                configure.configure(new ConfigureConnectorCommand(workspace.id(), connector, Optional.empty(), Optional.of(clientId),
                        clientSecret.isEmpty() ? Optional.empty() : Optional.of(clientSecret), Optional.empty()));
            } catch (NotFoundException e) {
                throw new ConsoleRefusedException(ConsoleRefusedException.Reason.NOT_FOUND);
            } catch (InvalidInputException e) {
                e.violations().forEach(v -> problems.add(v.field() + ": " + v.message()));
            }
        }
        if (!problems.isEmpty()) {
            return pages.render(HttpStatus.BAD_REQUEST, ConnectorsView.of(workspace, connectors.list(workspace.id()), publicUrl.oauthRedirectUri(),
                    null, problems.stream().map(p -> slug + " · " + p).toList()), session, workspace, request);
        }
        LOG.info("Console user {} set the OAuth app of the connector {} in workspace {}", session.subject(), slug, workspace.id());
        return HttpResponse.seeOther(URI.create(ConsolePaths.workspace(workspaceId) + "/connectors?changed=" + AccountsView.encode(slug)
                + "#connector-" + slug));
    }

    @ConsoleAction("console.setConnectorEnabled")
    @Post(value = "/{slug}/enabled", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> enable(String workspaceId, String slug, @Body Map<String, String> form, ConsoleSession session) {
        ConsoleChecks.csrf(session, form);
        Workspace workspace = workspaces.require(workspaceId, session);
        ConsoleChecks.mayChange(session, workspace);
        boolean enabled = "true".equals(form.get("enabled"));
        try {
            configure.configure(new ConfigureConnectorCommand(workspace.id(), new ConnectorSlug(slug), Optional.of(enabled), Optional.empty(),
                    Optional.empty(), Optional.empty()));
        } catch (IllegalArgumentException | NotFoundException | InvalidInputException e) {
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.NOT_FOUND);
        }
        LOG.info("Console user {} {} the connector {} in workspace {}", session.subject(), enabled ? "enabled" : "disabled", slug, workspace.id());
        return HttpResponse.seeOther(URI.create(ConsolePaths.workspace(workspaceId) + "/connectors?changed=" + AccountsView.encode(slug)
                + "#connector-" + slug));
    }
}
