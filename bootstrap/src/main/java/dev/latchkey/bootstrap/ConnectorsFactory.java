package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.ListConnectorsUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.ConnectorCatalogPort;
import dev.latchkey.application.port.out.ConnectorSettingsStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.PrivateConnectorStorePort;
import dev.latchkey.application.service.ConfigureConnectorService;
import dev.latchkey.application.service.ConnectorDirectory;
import dev.latchkey.application.service.DefinePrivateConnectorService;
import dev.latchkey.application.service.DeletePrivateConnectorService;
import dev.latchkey.application.service.GetAppService;
import dev.latchkey.application.service.GetConnectorService;
import dev.latchkey.application.service.ListAppsService;
import dev.latchkey.application.service.ListConnectorsService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/** The connector use cases (the catalog, private connectors, a workspace's settings) and the apps a customer sees. */
@Factory
public class ConnectorsFactory {

    /** One directory for all connector use cases, so a change through one is seen at once by the others. */
    @Singleton
    ConnectorDirectory connectorDirectory(ConnectorCatalogPort catalog, PrivateConnectorStorePort privates,
                                          ConnectorSettingsStorePort settings, List<AuthSchemePort> schemes,
                                          NetworkProperties network, ConnectorsProperties properties, Clock clock) {
        return new ConnectorDirectory(catalog, privates, settings, schemes, network.isAllowPrivateNetwork(), clock,
                properties.getRememberViews());
    }

    @Singleton
    ListConnectorsService listConnectors(ConnectorDirectory directory) {
        return new ListConnectorsService(directory);
    }

    @Singleton
    GetConnectorService getConnector(ConnectorDirectory directory) {
        return new GetConnectorService(directory);
    }

    @Singleton
    ConfigureConnectorService configureConnector(ConnectorDirectory directory, ConnectorSettingsStorePort settings) {
        return new ConfigureConnectorService(directory, settings);
    }

    @Singleton
    DefinePrivateConnectorService definePrivateConnector(ConnectorDirectory directory, PrivateConnectorStorePort privates) {
        return new DefinePrivateConnectorService(directory, privates);
    }

    @Singleton
    DeletePrivateConnectorService deletePrivateConnector(ConnectorDirectory directory, PrivateConnectorStorePort privates,
                                                         ConnectorSettingsStorePort settings) {
        return new DeletePrivateConnectorService(directory, privates, settings);
    }

    @Singleton
    ListAppsService listApps(ListConnectorsUseCase listConnectors, LinkedAccountStorePort accounts, ConnectionStorePort connections) {
        return new ListAppsService(listConnectors, accounts, connections);
    }

    @Singleton
    GetAppService getApp(GetConnectorUseCase getConnector, LinkedAccountStorePort accounts, ConnectionStorePort connections) {
        return new GetAppService(getConnector, accounts, connections);
    }
}
