package dev.latchkey.adapters.web.console;

import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.application.port.in.CreateConnectLinkCommand;
import dev.latchkey.application.port.in.CreateConnectLinkUseCase;
import dev.latchkey.application.port.in.CreatedConnectLink;
import dev.latchkey.application.port.in.GetLinkedAccountUseCase;
import dev.latchkey.application.port.in.ListConfigsUseCase;
import dev.latchkey.application.port.in.ListConnectionsUseCase;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.portal.PortalScope;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Copy a reconnect link": a connect link for one account and one app (support, admin, owner), shown
 * on the account's page to copy and send to the customer. The link is single-use and expires (one hour).
 */
@Controller(ConsolePaths.ROOT + "/workspaces/{workspaceId}/accounts/{accountId}/reconnect-links")
@Requires(beans = ConsoleSettings.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class ConsoleReconnectLinkController {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleReconnectLinkController.class);

    private final ConsoleWorkspaces workspaces;
    private final CreateConnectLinkUseCase links;
    private final GetLinkedAccountUseCase getAccount;
    private final ListConnectionsUseCase connections;
    private final ListConfigsUseCase configs;
    private final PublicUrl publicUrl;
    private final ConsolePages pages;

    public ConsoleReconnectLinkController(ConsoleWorkspaces workspaces, CreateConnectLinkUseCase links, GetLinkedAccountUseCase getAccount,
                                          ListConnectionsUseCase connections, ListConfigsUseCase configs, PublicUrl publicUrl,
                                          ConsolePages pages) {
        this.workspaces = workspaces;
        this.links = links;
        this.getAccount = getAccount;
        this.connections = connections;
        this.configs = configs;
        this.publicUrl = publicUrl;
        this.pages = pages;
    }

    @ConsoleAction("console.createReconnectLink")
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> create(String workspaceId, String accountId, @Body Map<String, String> form, ConsoleSession session,
                                         HttpRequest<?> request) {
        ConsoleChecks.csrf(session, form);
        Workspace workspace = workspaces.require(workspaceId, session);
        ConsoleChecks.mayCopyReconnectLinks(session, workspace);
        try {
            LinkedAccountId account = new LinkedAccountId(accountId);
            ConnectorSlug connector = new ConnectorSlug(form.getOrDefault("connector", ""));
            CreatedConnectLink link = links.create(new CreateConnectLinkCommand(workspace.id(), account,
                    new PortalScope(List.of(connector), Optional.empty(), Optional.empty(), Branding.DEFAULT), Optional.empty()));
            LOG.info("Console user {} made a reconnect link for {} of account {} in workspace {}", session.subject(), connector.value(),
                    account.value(), workspace.id());
            AccountView view = AccountView.of(workspace, getAccount.get(workspace.id(), account), connections.list(workspace.id(), account),
                    configs.list(workspace.id(), account), new AccountView.Link(connector.value(), publicUrl.base() + "/connect/" + link.code(),
                            ConsoleFormat.time(link.expiresAt())));
            return pages.render(HttpStatus.CREATED, view, session, workspace, request);
        } catch (IllegalArgumentException | NotFoundException | InvalidInputException e) {
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.NOT_FOUND);
        }
    }
}
