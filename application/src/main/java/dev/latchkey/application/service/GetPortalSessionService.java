package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetPortalSessionUseCase;
import dev.latchkey.application.port.in.PortalView;
import dev.latchkey.application.port.out.BrandingStorePort;
import dev.latchkey.application.port.out.PortalSessionStorePort;
import dev.latchkey.application.port.out.WorkspaceSettingsStorePort;

import java.time.Clock;
import java.util.Optional;

/** The live portal session a cookie value stands for, with the branding the portal shows. */
public final class GetPortalSessionService implements GetPortalSessionUseCase {
    private final WorkspaceSettingsStorePort workspaceSettings;
    private final BrandingStorePort branding;
    private final PortalSessionStorePort sessions;
    private final Clock clock;

    public GetPortalSessionService(WorkspaceSettingsStorePort workspaceSettings, BrandingStorePort branding,
                                   PortalSessionStorePort sessions, Clock clock) {
        this.workspaceSettings = workspaceSettings;
        this.branding = branding;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public Optional<PortalView> find(String sessionSecret) {
        if (!OAuthSecrets.couldBeOurs(sessionSecret)) {
            return Optional.empty();
        }
        return sessions.find(OAuthSecrets.stateHash(sessionSecret), clock.instant()).map(session -> new PortalView(session,
                branding.find(session.workspaceId()).overriddenBy(session.scope().branding()),
                workspaceSettings.allowedOrigins(session.workspaceId())));
    }
}
