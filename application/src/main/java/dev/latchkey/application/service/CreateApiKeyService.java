package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateApiKeyUseCase;
import dev.latchkey.application.port.in.WorkspaceWithKey;
import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.application.port.out.WorkspaceStorePort;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.workspace.Workspace;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.security.SecureRandom;
import java.time.Clock;

/** One more API key of an existing workspace, by the operator; the workspace's other keys keep working. */
public final class CreateApiKeyService implements CreateApiKeyUseCase {
    private final WorkspaceStorePort workspaces;
    private final ApiKeyStorePort keys;
    private final SecureRandom random;
    private final Clock clock;
    private final AuthenticateApiKeyService authentication;

    public CreateApiKeyService(WorkspaceStorePort workspaces, ApiKeyStorePort keys, SecureRandom random, Clock clock,
                               AuthenticateApiKeyService authentication) {
        this.workspaces = workspaces;
        this.keys = keys;
        this.random = random;
        this.clock = clock;
        this.authentication = authentication;
    }

    @Override
    public WorkspaceWithKey create(WorkspaceId workspaceId) {
        Workspace workspace = workspaces.find(workspaceId)
                .orElseThrow(() -> new NotFoundException("workspace_not_found", "No workspace with id '" + workspaceId + "'."));
        WorkspaceWithKey made = ApiKeys.issue(keys, workspace, random, clock.instant());
        authentication.forgetUnknown(made.key().hash()); // stored: never refused as unknown a moment ago
        return made;
    }
}
