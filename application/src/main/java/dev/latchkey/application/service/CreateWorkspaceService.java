package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateApiKeyUseCase;
import dev.latchkey.application.port.in.CreateWorkspaceCommand;
import dev.latchkey.application.port.in.CreateWorkspaceUseCase;
import dev.latchkey.application.port.in.ListWorkspacesUseCase;
import dev.latchkey.application.port.in.WorkspaceWithKey;
import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.WorkspaceStorePort;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.workspace.ApiKey;
import dev.latchkey.domain.workspace.ApiKeySecret;
import dev.latchkey.domain.workspace.Workspace;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The operator's workspace administration: new workspaces, extra keys, the list. */
public final class CreateWorkspaceService implements CreateWorkspaceUseCase, CreateApiKeyUseCase, ListWorkspacesUseCase {
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
        return created(transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Workspace workspace = new Workspace(WorkspaceId.random(), command.name(), command.environment(), now);
            if (!workspaces.insert(workspace)) {
                throw new ConflictException("workspace_exists", "A workspace named '" + command.name() + "' already exists.");
            }
            return addKey(workspace, now);
        }));
    }

    @Override
    public WorkspaceWithKey create(WorkspaceId workspaceId) {
        Workspace workspace = workspaces.find(workspaceId)
                .orElseThrow(() -> new NotFoundException("workspace_not_found", "No workspace with id '" + workspaceId + "'."));
        return created(addKey(workspace, clock.instant()));
    }

    @Override
    public List<Workspace> list() {
        return workspaces.listAll();
    }

    private WorkspaceWithKey addKey(Workspace workspace, Instant now) {
        ApiKeySecret secret = ApiKeySecret.generate(workspace.environment(), random);
        ApiKey key = ApiKey.of(workspace.id(), secret, now);
        keys.insert(key);
        return new WorkspaceWithKey(workspace, key, secret);
    }

    /** Once stored (committed), the key must not be refused as one that was unknown a moment ago. */
    private WorkspaceWithKey created(WorkspaceWithKey made) {
        authentication.forgetUnknown(made.key().hash());
        return made;
    }
}
