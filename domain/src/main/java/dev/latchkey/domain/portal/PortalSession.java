package dev.latchkey.domain.portal;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer's visit of the hosted portal, opened by a connect link: found by the hash of the
 * cookie's value (the value itself is never stored), bound to one workspace and linked account and
 * to the link's scope.
 */
public record PortalSession(String idHash, WorkspaceId workspaceId, LinkedAccountKey accountKey, LinkedAccountId accountId,
                            PortalScope scope, Instant expiresAt) {
    /** How long a portal visit lasts after the link is opened. */
    public static final Duration LIFETIME = Duration.ofHours(2);

    public PortalSession {
        Objects.requireNonNull(idHash, "idHash");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(accountKey, "accountKey");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public static PortalSession openedFrom(ConnectLink link, String idHash, Instant now) {
        return new PortalSession(idHash, link.workspaceId(), link.accountKey(), link.accountId(), link.scope(), now.plus(LIFETIME));
    }

    public boolean liveAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
