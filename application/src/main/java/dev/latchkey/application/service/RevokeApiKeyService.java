package dev.latchkey.application.service;

import dev.latchkey.application.port.in.RevokeApiKeyUseCase;
import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.workspace.ApiKey;
import dev.latchkey.domain.workspace.ApiKeyId;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Clock;

/**
 * Revokes an API key (the row stays, marked revoked). This instance forgets it at once; other
 * instances stop accepting it when their memory of it ends ({@link AuthenticateApiKeyService}, 30 s):
 * a renewal looks the key up again and finds it no more.
 */
public final class RevokeApiKeyService implements RevokeApiKeyUseCase {
    private final ApiKeyStorePort keys;
    private final Clock clock;
    private final AuthenticateApiKeyService authentication;

    public RevokeApiKeyService(ApiKeyStorePort keys, Clock clock, AuthenticateApiKeyService authentication) {
        this.keys = keys;
        this.clock = clock;
        this.authentication = authentication;
    }

    @Override
    public void revoke(WorkspaceId workspaceId, ApiKeyId keyId) {
        ApiKey revoked = keys.revoke(workspaceId, keyId, clock.instant())
                .orElseThrow(() -> new NotFoundException("api_key_not_found", "No live API key with id '" + keyId + "' in this workspace."));
        authentication.forgetKnown(revoked.hash());
    }
}
