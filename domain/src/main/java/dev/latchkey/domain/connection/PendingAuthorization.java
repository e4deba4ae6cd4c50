package dev.latchkey.domain.connection;

import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.LinkedAccountKey;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An authorization in flight, between the redirect to the provider and its callback. Found by the
 * hash of its {@code state} (the state itself is never stored), used at most once, and only before
 * it expires. {@code kept} is the secret its scheme needs at the callback (OAuth 2.0's PKCE verifier,
 * OAuth 1.0a's request token secret), stored encrypted.
 */
public record PendingAuthorization(
        String stateHash,
        WorkspaceId workspaceId,
        LinkedAccountKey accountKey,
        LinkedAccountId accountId,
        ConnectorSlug connector,
        String authType,
        Map<String, String> params,
        Optional<String> kept,
        Mode mode,
        Optional<String> returnUrl,
        Instant expiresAt) {

    public enum Mode { POPUP, REDIRECT }

    public PendingAuthorization {
        Objects.requireNonNull(stateHash, "stateHash");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(accountKey, "accountKey");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(authType, "authType");
        params = Map.copyOf(params);
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(returnUrl, "returnUrl");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "PendingAuthorization[connector=" + connector + ", mode=" + mode + ", expiresAt=" + expiresAt + "]";
    }
}
