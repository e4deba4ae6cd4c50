package dev.latchkey.application.port.in;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.portal.PortalScope;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** @param lifetime how long the link may be opened; empty: {@code ConnectLink.DEFAULT_LIFETIME} */
public record CreateConnectLinkCommand(WorkspaceId workspaceId, LinkedAccountId accountId, PortalScope scope, Optional<Duration> lifetime) {
    public CreateConnectLinkCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(lifetime, "lifetime");
    }
}
