package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AppView;
import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.in.GetAppUseCase;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.ListAppsUseCase;
import dev.latchkey.application.port.in.ListConnectorsUseCase;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

/** What a customer sees in the connect UI: the enabled apps and its connections to them. */
public final class ListAppsService implements ListAppsUseCase, GetAppUseCase {
    private final ListConnectorsUseCase listConnectors;
    private final GetConnectorUseCase getConnector;
    private final LinkedAccountStorePort accounts;
    private final ConnectionStorePort connections;

    public ListAppsService(ListConnectorsUseCase listConnectors, GetConnectorUseCase getConnector, LinkedAccountStorePort accounts,
                           ConnectionStorePort connections) {
        this.listConnectors = listConnectors;
        this.getConnector = getConnector;
        this.accounts = accounts;
        this.connections = connections;
    }

    @Override
    public List<AppView> list(WorkspaceId workspaceId, LinkedAccountId accountId) {
        LinkedAccount account = account(workspaceId, accountId);
        List<Connection> all = connections.listByAccount(workspaceId, account.key());
        return listConnectors.list(workspaceId).stream()
                .filter(view -> view.settings().enabled())
                .map(view -> app(view, all))
                .toList();
    }

    @Override
    public AppView get(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectorSlug slug) {
        LinkedAccount account = account(workspaceId, accountId);
        ConnectorView view = getConnector.get(workspaceId, slug);
        if (!view.settings().enabled()) {
            throw ConnectorErrors.connectorNotFound(slug);
        }
        return app(view, connections.listByAccount(workspaceId, account.key()));
    }

    private LinkedAccount account(WorkspaceId workspaceId, LinkedAccountId accountId) {
        return accounts.find(workspaceId, accountId).orElseThrow(() -> LinkedAccountErrors.notFound(accountId));
    }

    private static AppView app(ConnectorView view, List<Connection> all) {
        return new AppView(view.definition(), all.stream().filter(c -> c.connector().equals(view.definition().slug())).toList());
    }
}
