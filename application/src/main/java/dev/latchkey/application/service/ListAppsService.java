package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AppView;
import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.in.ListAppsUseCase;
import dev.latchkey.application.port.in.ListConnectorsUseCase;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.util.List;

/**
 * What a customer sees in the connect UI: the enabled apps and its connections to them. An app that
 * can't be connected yet (it needs the workspace's OAuth app, not set) is not offered, unless the
 * account has connections to it already (they stay visible, to see and disconnect).
 */
public final class ListAppsService implements ListAppsUseCase {
    private final ListConnectorsUseCase listConnectors;
    private final LinkedAccountStorePort accounts;
    private final ConnectionStorePort connections;

    public ListAppsService(ListConnectorsUseCase listConnectors, LinkedAccountStorePort accounts, ConnectionStorePort connections) {
        this.listConnectors = listConnectors;
        this.accounts = accounts;
        this.connections = connections;
    }

    @Override
    public List<AppView> list(WorkspaceId workspaceId, LinkedAccountId accountId) {
        List<Connection> all = connections.listByAccount(workspaceId, AccountLookups.account(accounts, workspaceId, accountId).key());
        return listConnectors.list(workspaceId).stream()
                .filter(view -> view.settings().enabled())
                .map(view -> app(view, all))
                .filter(app -> app.connected() || !app.awaitsOAuthApp())
                .toList();
    }

    /** The app a connector is to the account, with the account's connections to it among {@code all}. */
    static AppView app(ConnectorView view, List<Connection> all) {
        return new AppView(view.definition(), all.stream().filter(c -> c.connector().equals(view.definition().slug())).toList(),
                view.awaitsOAuthApp(), view.auth());
    }
}
