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
 * An OAuth authorization in flight, between the redirect to the provider and its callback. Found
 * by the hash of its {@code state} (the state itself is never stored), used at most once, and
 * only before it expires.
 */
public record PendingAuthorization(
        String stateHash,
        WorkspaceId workspaceId,
        LinkedAccountKey accountKey,
        LinkedAccountId accountId,
        ConnectorSlug connector,
        String authType,
        Map<String, String> params,
        Optional<String> codeVerifier,
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
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(returnUrl, "returnUrl");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "PendingAuthorization[connector=" + connector + ", mode=" + mode + ", expiresAt=" + expiresAt + "]";
    }
}
