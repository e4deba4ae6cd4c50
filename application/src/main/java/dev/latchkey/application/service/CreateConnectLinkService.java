package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateConnectLinkCommand;
import dev.latchkey.application.port.in.CreateConnectLinkUseCase;
import dev.latchkey.application.port.in.CreatedConnectLink;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.out.ConnectLinkStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.WorkspaceSettingsStorePort;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.portal.ConnectLink;
import dev.latchkey.domain.workspace.AllowedOrigins;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * A connect link for one linked account, limited to enabled connectors and a return URL under the
 * workspace's allowed origins. Its code is 256 random bits, stored only as a SHA-256 hash.
 */
public final class CreateConnectLinkService implements CreateConnectLinkUseCase {
    private final LinkedAccountStorePort accounts;
    private final GetConnectorUseCase connectors;
    private final WorkspaceSettingsStorePort workspaceSettings;
    private final ConnectLinkStorePort links;
    private final SecureRandom random;
    private final Clock clock;

    public CreateConnectLinkService(LinkedAccountStorePort accounts, GetConnectorUseCase connectors,
                                    WorkspaceSettingsStorePort workspaceSettings, ConnectLinkStorePort links, SecureRandom random,
                                    Clock clock) {
        this.accounts = accounts;
        this.connectors = connectors;
        this.workspaceSettings = workspaceSettings;
        this.links = links;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public CreatedConnectLink create(CreateConnectLinkCommand command) {
        LinkedAccount account = AccountLookups.account(accounts, command.workspaceId(), command.accountId());
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
}
