package dev.latchkey.application.service;

import dev.latchkey.application.port.in.OpenConnectLinkResult;
import dev.latchkey.application.port.in.OpenConnectLinkUseCase;
import dev.latchkey.application.port.out.BrandingStorePort;
import dev.latchkey.application.port.out.ConnectLinkStorePort;
import dev.latchkey.application.port.out.PortalSessionStorePort;
import dev.latchkey.application.port.out.WorkspaceSettingsStorePort;
import dev.latchkey.domain.portal.ConnectLink;
import dev.latchkey.domain.portal.PortalSession;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Opens a connect link into a portal session: exactly once, before it expires. The session's cookie
 * value is 256 random bits, stored only as a SHA-256 hash. A refused link of a known workspace
 * still shows that workspace's branding.
 */
public final class OpenConnectLinkService implements OpenConnectLinkUseCase {
    private final WorkspaceSettingsStorePort workspaceSettings;
    private final BrandingStorePort branding;
    private final ConnectLinkStorePort links;
    private final PortalSessionStorePort sessions;
    private final SecureRandom random;
    private final Clock clock;

    public OpenConnectLinkService(WorkspaceSettingsStorePort workspaceSettings, BrandingStorePort branding, ConnectLinkStorePort links,
                                  PortalSessionStorePort sessions, SecureRandom random, Clock clock) {
        this.workspaceSettings = workspaceSettings;
        this.branding = branding;
        this.links = links;
        this.sessions = sessions;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public OpenConnectLinkResult open(String code) {
        if (!OAuthSecrets.couldBeOurs(code)) {
            return OpenConnectLinkResult.Refused.UNKNOWN;
        }
        String hash = OAuthSecrets.stateHash(code);
        Instant now = clock.instant();
        Optional<ConnectLink> link = links.take(hash, now);
        if (link.isEmpty()) {
            return links.workspaceOf(hash).map(workspace -> new OpenConnectLinkResult.Refused(branding.find(workspace),
                    workspaceSettings.allowedOrigins(workspace))).orElse(OpenConnectLinkResult.Refused.UNKNOWN);
        }
        String secret = OAuthSecrets.random(random);
        PortalSession session = PortalSession.openedFrom(link.get(), OAuthSecrets.stateHash(secret), now);
        sessions.save(session);
        return new OpenConnectLinkResult.Opened(secret, session);
    }
}
