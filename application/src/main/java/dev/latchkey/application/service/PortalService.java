package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateConnectLinkCommand;
import dev.latchkey.application.port.in.CreateConnectLinkUseCase;
import dev.latchkey.application.port.in.CreatedConnectLink;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.GetPortalSessionUseCase;
import dev.latchkey.application.port.in.OpenConnectLinkUseCase;
import dev.latchkey.application.port.in.OpenConnectLinkResult;
import dev.latchkey.application.port.in.PortalView;
import dev.latchkey.application.port.out.BrandingStorePort;
import dev.latchkey.application.port.out.ConnectLinkStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.PortalSessionStorePort;
import dev.latchkey.application.port.out.WorkspaceSettingsStorePort;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.portal.ConnectLink;
import dev.latchkey.domain.portal.PortalSession;
import dev.latchkey.domain.workspace.AllowedOrigins;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Connect links and the portal sessions they open. A link's code and a session's cookie value are
 * 256 random bits each, stored only as SHA-256 hashes; a link opens exactly once, before it expires.
 */
public final class PortalService implements CreateConnectLinkUseCase, OpenConnectLinkUseCase, GetPortalSessionUseCase {
    private final LinkedAccountStorePort accounts;
    private final GetConnectorUseCase connectors;
    private final WorkspaceSettingsStorePort workspaceSettings;
    private final BrandingStorePort branding;
    private final ConnectLinkStorePort links;
    private final PortalSessionStorePort sessions;
    private final SecureRandom random;
    private final Clock clock;

    public PortalService(LinkedAccountStorePort accounts, GetConnectorUseCase connectors, WorkspaceSettingsStorePort workspaceSettings,
                         BrandingStorePort branding, ConnectLinkStorePort links, PortalSessionStorePort sessions, SecureRandom random,
                         Clock clock) {
        this.accounts = accounts;
        this.connectors = connectors;
        this.workspaceSettings = workspaceSettings;
        this.branding = branding;
        this.links = links;
        this.sessions = sessions;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public CreatedConnectLink create(CreateConnectLinkCommand command) {
        LinkedAccount account = accounts.find(command.workspaceId(), command.accountId())
                .orElseThrow(() -> LinkedAccountErrors.notFound(command.accountId()));
        Violations v = new Violations();
        for (ConnectorSlug slug : command.scope().connectors()) {
            try {
                if (!connectors.get(command.workspaceId(), slug).settings().enabled()) {
                    v.add("connectors", "'" + slug + "' is not enabled in this workspace");
                }
            } catch (NotFoundException e) {
                v.add("connectors", "'" + slug + "' is not a connector of this workspace");
            }
        }
        AllowedOrigins origins = workspaceSettings.allowedOrigins(command.workspaceId());
        command.scope().returnUrl().filter(url -> !origins.allows(url)).ifPresent(url -> v.add("return_url",
                "must be under one of the workspace's allowed origins; add its origin with PUT /v1/workspace/settings"));
        v.throwIfAny();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(command.lifetime().orElse(ConnectLink.DEFAULT_LIFETIME));
        String code = OAuthSecrets.random(random);
        links.save(new ConnectLink(OAuthSecrets.stateHash(code), command.workspaceId(), account.key(), account.id(), command.scope(),
                now, expiresAt));
        return new CreatedConnectLink(code, expiresAt);
    }

    @Override
    public OpenConnectLinkResult open(String code) {
        if (code == null || code.isEmpty() || code.length() > 100) {
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

    @Override
    public Optional<PortalView> find(String sessionSecret) {
        if (sessionSecret == null || sessionSecret.isEmpty() || sessionSecret.length() > 100) {
            return Optional.empty();
        }
        return sessions.find(OAuthSecrets.stateHash(sessionSecret), clock.instant()).map(session -> new PortalView(session,
                branding.find(session.workspaceId()).overriddenBy(session.scope().branding()),
                workspaceSettings.allowedOrigins(session.workspaceId())));
    }
}
