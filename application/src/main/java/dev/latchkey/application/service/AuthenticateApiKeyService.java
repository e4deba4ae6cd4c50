package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ApiKeyPrincipal;
import dev.latchkey.application.port.in.AuthenticateApiKeyUseCase;
import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.domain.workspace.ApiKeySecret;

import java.util.Optional;

/** Looks a presented key up by its hash; the plaintext is never stored or compared as text. */
public final class AuthenticateApiKeyService implements AuthenticateApiKeyUseCase {
    private final ApiKeyStorePort keys;

    public AuthenticateApiKeyService(ApiKeyStorePort keys) {
        this.keys = keys;
    }

    @Override
    public Optional<ApiKeyPrincipal> authenticate(String presentedKey) {
        ApiKeySecret secret;
        try {
            secret = ApiKeySecret.parse(presentedKey);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return keys.findByHash(secret.hash()).map(key -> new ApiKeyPrincipal(key.workspaceId(), key.id()));
    }
}
