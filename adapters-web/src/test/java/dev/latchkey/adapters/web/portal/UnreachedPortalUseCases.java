package dev.latchkey.adapters.web.portal;

import dev.latchkey.application.port.in.ConfigQuery;
import dev.latchkey.application.port.in.ConfigResult;
import dev.latchkey.application.port.in.ConnectAppCommand;
import dev.latchkey.application.port.in.ConnectAppUseCase;
import dev.latchkey.application.port.in.ConnectResult;
import dev.latchkey.application.port.in.DisconnectUseCase;
import dev.latchkey.application.port.in.GetConfigUseCase;
import dev.latchkey.application.port.in.ListConfigOptionsQuery;
import dev.latchkey.application.port.in.ListConfigOptionsUseCase;
import dev.latchkey.application.port.in.SaveConfigCommand;
import dev.latchkey.application.port.in.SaveConfigUseCase;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.config.ConfigOption;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

/**
 * The portal's writes, which the HTTP tests here must never reach: each one is behind a session,
 * CSRF or scope check that refuses first. Reaching one fails the test with a 500.
 */
@Singleton
class UnreachedPortalUseCases implements ConnectAppUseCase, DisconnectUseCase, GetConfigUseCase, SaveConfigUseCase, ListConfigOptionsUseCase {
    private static IllegalStateException reached(String what) {
        return new IllegalStateException(what + " was reached although the portal should have refused the request first");
    }

    @Override
    public ConnectResult connect(ConnectAppCommand command) {
        throw reached("connect");
    }

    @Override
    public void disconnect(WorkspaceId workspaceId, LinkedAccountId accountId, ConnectionId connectionId) {
        throw reached("disconnect");
    }

    @Override
    public ConfigResult get(ConfigQuery query) {
        throw reached("get config");
    }

    @Override
    public ConfigResult save(SaveConfigCommand command) {
        throw reached("save config");
    }

    @Override
    public Page<ConfigOption> options(ListConfigOptionsQuery query) {
        throw reached("config options");
    }
}
