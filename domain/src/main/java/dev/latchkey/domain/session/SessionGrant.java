package dev.latchkey.domain.session;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * What a session token grants: access to one linked account of one workspace until it expires or
 * is revoked. The web adapter carries it as a signed JWT; this record is what the token says.
 *
 * @param tokenId the token's unique id ({@code jti}), the handle for revocation
 */
public record SessionGrant(
        String tokenId,
        WorkspaceId workspaceId,
        LinkedAccountId linkedAccountId,
        LinkedAccountKey linkedAccountKey,
        Instant issuedAt,
        Instant expiresAt) {

    public SessionGrant {
        if (tokenId == null || tokenId.isBlank() || tokenId.length() > 64) {
            throw new IllegalArgumentException("tokenId must be 1-64 characters");
        }
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(linkedAccountId, "linkedAccountId");
        Objects.requireNonNull(linkedAccountKey, "linkedAccountKey");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
    }

    public static SessionGrant issue(WorkspaceId workspaceId, LinkedAccountId accountId, LinkedAccountKey accountKey,
                                     SessionTtl ttl, Instant now) {
        // Whole seconds: a JWT carries NumericDates, so the grant reads back exactly as it was issued.
        Instant issued = now.truncatedTo(ChronoUnit.SECONDS);
        return new SessionGrant(UUID.randomUUID().toString(), workspaceId, accountId, accountKey, issued, issued.plus(ttl.value()));
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
