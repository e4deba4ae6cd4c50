package dev.latchkey.application.service;

import dev.latchkey.application.port.in.WorkspaceWithKey;
import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.domain.workspace.ApiKey;
import dev.latchkey.domain.workspace.ApiKeySecret;
import dev.latchkey.domain.workspace.Workspace;

import java.security.SecureRandom;
import java.time.Instant;

/** Issuing a new API key of a workspace: only its hash is stored, the secret is returned this once. */
final class ApiKeys {
    private ApiKeys() {
    }

    static WorkspaceWithKey issue(ApiKeyStorePort keys, Workspace workspace, SecureRandom random, Instant now) {
        ApiKeySecret secret = ApiKeySecret.generate(workspace.environment(), random);
        ApiKey key = ApiKey.of(workspace.id(), secret, now);
        keys.insert(key);
        return new WorkspaceWithKey(workspace, key, secret);
    }
}
