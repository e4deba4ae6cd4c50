package dev.latchkey.adapters.web.console;

import dev.latchkey.application.port.in.ConfigSummary;
import dev.latchkey.application.port.in.ListConfigsUseCase;
import dev.latchkey.application.port.in.ListConnectionsUseCase;
import dev.latchkey.application.port.in.ListLinkedAccountsQuery;
import dev.latchkey.application.port.in.ListLinkedAccountsUseCase;
import dev.latchkey.application.port.in.GetLinkedAccountUseCase;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.List;
import java.util.Optional;

/** A workspace's linked accounts: search by id or name prefix; one account with its connections and configs. */
@Controller(ConsolePaths.ROOT + "/workspaces/{workspaceId}/accounts")
@Requires(beans = ConsoleSettings.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class ConsoleAccountsController {
    static final int PAGE_SIZE = 50;

    private final ConsoleWorkspaces workspaces;
    private final ListLinkedAccountsUseCase listAccounts;
    private final GetLinkedAccountUseCase getAccount;
    private final ListConnectionsUseCase connections;
    private final ListConfigsUseCase configs;
    private final ConsolePages pages;

    public ConsoleAccountsController(ConsoleWorkspaces workspaces, ListLinkedAccountsUseCase listAccounts, GetLinkedAccountUseCase getAccount,
                                     ListConnectionsUseCase connections, ListConfigsUseCase configs, ConsolePages pages) {
        this.workspaces = workspaces;
        this.listAccounts = listAccounts;
        this.getAccount = getAccount;
        this.connections = connections;
        this.configs = configs;
        this.pages = pages;
    }

    @Get("{?search,cursor}")
    public MutableHttpResponse<?> accounts(String workspaceId, @QueryValue @Nullable String search, @QueryValue @Nullable String cursor,
                                           ConsoleSession session, HttpRequest<?> request) {
        Workspace workspace = workspaces.require(workspaceId, session);
        Optional<String> term = Optional.ofNullable(search).map(String::strip).filter(s -> !s.isEmpty());
        Page<LinkedAccount> page;
        try {
            page = listAccounts.list(new ListLinkedAccountsQuery(workspace.id(), PAGE_SIZE,
                    Optional.ofNullable(cursor).filter(c -> !c.isEmpty()), term));
        } catch (IllegalArgumentException e) {
            // a cursor that is not one of ours: the first page
            page = listAccounts.list(new ListLinkedAccountsQuery(workspace.id(), PAGE_SIZE, Optional.empty(), term));
        }
        return pages.render(HttpStatus.OK, AccountsView.of(workspace, term.orElse(""), page), session, workspace, request);
    }

    @Get("/{accountId}")
    public MutableHttpResponse<?> account(String workspaceId, String accountId, ConsoleSession session, HttpRequest<?> request) {
        Workspace workspace = workspaces.require(workspaceId, session);
        LinkedAccount account;
        List<Connection> connected;
        List<ConfigSummary> stored;
        try {
            LinkedAccountId id = new LinkedAccountId(accountId);
            account = getAccount.get(workspace.id(), id);
            connected = connections.list(workspace.id(), id);
            stored = configs.list(workspace.id(), id);
        } catch (IllegalArgumentException | NotFoundException e) {
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.NOT_FOUND);
        }
        return pages.render(HttpStatus.OK, AccountView.of(workspace, account, connected, stored, null), session, workspace, request);
    }
}
