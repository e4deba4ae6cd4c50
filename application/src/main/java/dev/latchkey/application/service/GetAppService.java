package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AppView;
import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.in.GetAppUseCase;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

/**
 * One app of the connect UI with the customer's connections to it; a disabled connector is not found,
 * nor one that can't be connected yet (no OAuth app) that the account has no connection to.
 */
public final class GetAppService implements GetAppUseCase {
    private final GetConnectorUseCase getConnector;
    private final LinkedAccountStorePort accounts;
    private final ConnectionStorePort connections;

    public GetAppService(GetConnectorUseCase getConnector, LinkedAccountStorePort accounts, ConnectionStorePort connections) {
        this.getConnector = getConnector;
        this.accounts = accounts;
        this.connections = connections;
    }

    @Override
    public AppView get(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectorSlug slug) {
        LinkedAccount account = AccountLookups.account(accounts, workspaceId, accountId);
        ConnectorView view = getConnector.get(workspaceId, slug);
        if (!view.settings().enabled()) {
            throw ConnectorErrors.connectorNotFound(slug);
        }
        AppView app = ListAppsService.app(view, connections.listByAccount(workspaceId, account.key()));
        if (app.awaitsOAuthApp() && !app.connected()) {
            throw ConnectorErrors.connectorNotFound(slug);
        }
        return app;
    }
}
