package dev.latchkey.domain.portal;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A single-use link to the hosted portal for one linked account. Found by the hash of its code
 * (the code itself is never stored); its first visit turns it into a {@link PortalSession}.
 *
 * @param scope what the portal may show and where it leads, carried into the session
 */
public record ConnectLink(String codeHash, WorkspaceId workspaceId, LinkedAccountKey accountKey, LinkedAccountId accountId,
                          PortalScope scope, Instant createdAt, Instant expiresAt) {
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    public static final Duration MIN_LIFETIME = Duration.ofMinutes(1);
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);

    public ConnectLink {
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(accountKey, "accountKey");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(scope, "scope");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a link expires after it is created");
        }
    }

    /** {@code expires_in} in seconds: 60 to 604800 (7 days). */
    public static Duration lifetime(long seconds) {
        if (seconds < MIN_LIFETIME.toSeconds() || seconds > MAX_LIFETIME.toSeconds()) {
            throw new IllegalArgumentException("must be " + MIN_LIFETIME.toSeconds() + " to " + MAX_LIFETIME.toSeconds()
                    + " seconds (7 days); the default is " + DEFAULT_LIFETIME.toSeconds());
        }
        return Duration.ofSeconds(seconds);
    }

    /** The connectors the link restricts the portal to; empty: every enabled one. */
    public List<ConnectorSlug> connectors() {
        return scope.connectors();
    }

    public Branding branding() {
        return scope.branding();
    }
}
