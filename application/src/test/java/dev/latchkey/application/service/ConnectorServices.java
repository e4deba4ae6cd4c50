package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConfigureConnectorCommand;
import dev.latchkey.application.port.in.ConfigureConnectorUseCase;
import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.in.DefinePrivateConnectorUseCase;
import dev.latchkey.application.port.in.DeletePrivateConnectorUseCase;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.ListConnectorsUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectorCatalogPort;
import dev.latchkey.application.port.out.ConnectorSettingsStorePort;
import dev.latchkey.application.port.out.PrivateConnectorStorePort;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The five connector services over one {@link ConnectorDirectory}, wired as bootstrap wires them, for tests that use several. */
final class ConnectorServices implements ListConnectorsUseCase, GetConnectorUseCase, ConfigureConnectorUseCase,
        DefinePrivateConnectorUseCase, DeletePrivateConnectorUseCase {
    private final ListConnectorsService list;
    private final GetConnectorService get;
    private final ConfigureConnectorService configure;
    private final DefinePrivateConnectorService define;
    private final DeletePrivateConnectorService delete;

    ConnectorServices(ConnectorCatalogPort catalog, PrivateConnectorStorePort privates, ConnectorSettingsStorePort settings,
                      List<AuthSchemePort> schemes, boolean allowPrivateNetwork) {
        this(new ConnectorDirectory(catalog, privates, settings, schemes, allowPrivateNetwork), privates, settings);
    }

    ConnectorServices(ConnectorCatalogPort catalog, PrivateConnectorStorePort privates, ConnectorSettingsStorePort settings,
                      List<AuthSchemePort> schemes, boolean allowPrivateNetwork, Clock clock, Duration rememberFor) {
        this(new ConnectorDirectory(catalog, privates, settings, schemes, allowPrivateNetwork, clock, rememberFor), privates, settings);
    }

    private ConnectorServices(ConnectorDirectory directory, PrivateConnectorStorePort privates, ConnectorSettingsStorePort settings) {
        this.list = new ListConnectorsService(directory);
        this.get = new GetConnectorService(directory);
        this.configure = new ConfigureConnectorService(directory, settings);
        this.define = new DefinePrivateConnectorService(directory, privates);
        this.delete = new DeletePrivateConnectorService(directory, privates, settings);
    }

    @Override
    public List<ConnectorView> list(WorkspaceId workspaceId) {
        return list.list(workspaceId);
    }

    @Override
    public ConnectorView get(WorkspaceId workspaceId, ConnectorSlug slug) {
        return get.get(workspaceId, slug);
    }

    @Override
    public ConnectorView configure(ConfigureConnectorCommand command) {
        return configure.configure(command);
    }

    @Override
    public ConnectorView create(WorkspaceId workspaceId, Map<String, Object> definition) {
        return define.create(workspaceId, definition);
    }

    @Override
    public ConnectorView replace(WorkspaceId workspaceId, ConnectorSlug slug, Map<String, Object> definition) {
        return define.replace(workspaceId, slug, definition);
    }

    @Override
    public void delete(WorkspaceId workspaceId, ConnectorSlug slug) {
        delete.delete(workspaceId, slug);
    }
}
