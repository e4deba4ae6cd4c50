package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateWorkspaceCommand;
import dev.latchkey.application.port.in.CreateWorkspaceUseCase;
import dev.latchkey.application.port.in.WorkspaceWithKey;
import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.WorkspaceStorePort;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.workspace.Workspace;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/** A new workspace, by the operator, with its first API key; names are unique. */
public final class CreateWorkspaceService implements CreateWorkspaceUseCase {
    private final WorkspaceStorePort workspaces;
    private final ApiKeyStorePort keys;
    private final TransactionPort transactions;
    private final SecureRandom random;
    private final Clock clock;
    private final AuthenticateApiKeyService authentication;

    public CreateWorkspaceService(WorkspaceStorePort workspaces, ApiKeyStorePort keys, TransactionPort transactions,
                                  SecureRandom random, Clock clock, AuthenticateApiKeyService authentication) {
        this.workspaces = workspaces;
        this.keys = keys;
        this.transactions = transactions;
        this.random = random;
        this.clock = clock;
        this.authentication = authentication;
    }

    @Override
    public WorkspaceWithKey create(CreateWorkspaceCommand command) {
        WorkspaceWithKey made = transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Workspace workspace = new Workspace(WorkspaceId.random(), command.name(), command.environment(), now);
            if (!workspaces.insert(workspace)) {
                throw new ConflictException("workspace_exists", "A workspace named '" + command.name() + "' already exists.");
            }
            return ApiKeys.issue(keys, workspace, random, now);
        });
        authentication.forgetUnknown(made.key().hash()); // stored (committed): never refused as unknown a moment ago
        return made;
    }
}
