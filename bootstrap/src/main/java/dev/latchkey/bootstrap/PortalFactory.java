package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.out.BrandingStorePort;
import dev.latchkey.application.port.out.ConnectLinkStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.PortalSessionStorePort;
import dev.latchkey.application.port.out.WorkspaceSettingsStorePort;
import dev.latchkey.application.service.CreateConnectLinkService;
import dev.latchkey.application.service.GetBrandingService;
import dev.latchkey.application.service.GetPortalSessionService;
import dev.latchkey.application.service.OpenConnectLinkService;
import dev.latchkey.application.service.UpdateBrandingService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;

/** The hosted portal's use cases: connect links, the sessions they open, and a workspace's branding. */
@Factory
public class PortalFactory {

    @Singleton
    CreateConnectLinkService createConnectLink(LinkedAccountStorePort accounts, GetConnectorUseCase connectors,
                                               WorkspaceSettingsStorePort workspaceSettings, ConnectLinkStorePort links,
                                               SecureRandom random, Clock clock) {
        return new CreateConnectLinkService(accounts, connectors, workspaceSettings, links, random, clock);
    }

    @Singleton
    OpenConnectLinkService openConnectLink(WorkspaceSettingsStorePort workspaceSettings, BrandingStorePort branding,
                                           ConnectLinkStorePort links, PortalSessionStorePort sessions, SecureRandom random, Clock clock) {
        return new OpenConnectLinkService(workspaceSettings, branding, links, sessions, random, clock);
    }

    @Singleton
    GetPortalSessionService getPortalSession(WorkspaceSettingsStorePort workspaceSettings, BrandingStorePort branding,
                                             PortalSessionStorePort sessions, Clock clock) {
        return new GetPortalSessionService(workspaceSettings, branding, sessions, clock);
    }

    @Singleton
    GetBrandingService getBranding(BrandingStorePort store) {
        return new GetBrandingService(store);
    }

    @Singleton
    UpdateBrandingService updateBranding(BrandingStorePort store) {
        return new UpdateBrandingService(store);
    }
}
