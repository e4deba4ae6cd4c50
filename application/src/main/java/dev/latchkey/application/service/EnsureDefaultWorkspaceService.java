package dev.latchkey.application.service;

import dev.latchkey.application.port.in.EnsureDefaultWorkspaceUseCase;
import dev.latchkey.application.port.in.WorkspaceWithKey;
import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.WorkspaceStorePort;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.workspace.ApiKey;
import dev.latchkey.domain.workspace.ApiKeySecret;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.Workspace;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

public final class EnsureDefaultWorkspaceService implements EnsureDefaultWorkspaceUseCase {
    private final WorkspaceStorePort workspaces;
    private final ApiKeyStorePort keys;
    private final TransactionPort transactions;
    private final SecureRandom random;
    private final Clock clock;
    private final AuthenticateApiKeyService authentication;

    public EnsureDefaultWorkspaceService(WorkspaceStorePort workspaces, ApiKeyStorePort keys, TransactionPort transactions,
                                         SecureRandom random, Clock clock, AuthenticateApiKeyService authentication) {
        this.workspaces = workspaces;
        this.keys = keys;
        this.transactions = transactions;
        this.random = random;
        this.clock = clock;
        this.authentication = authentication;
    }

    @Override
    public Optional<WorkspaceWithKey> ensure(Optional<ApiKeySecret> bootstrapKey) {
        Optional<WorkspaceWithKey> generated = transactions.inTransaction(() -> {
            Instant now = clock.instant();
            if (bootstrapKey.isPresent()) {
                ApiKeySecret secret = bootstrapKey.get();
                Workspace workspace = defaultWorkspace(secret.environment(), now);
                if (workspace.environment() != secret.environment()) {
                    throw new ConflictException("bootstrap_key_environment", "LATCHKEY_BOOTSTRAP_API_KEY is a "
                            + secret.environment().label() + " key, but the workspace 'default' is a " + workspace.environment().label()
                            + " workspace; give a key starting with " + workspace.environment().keyPrefix());
                }
                // Inserted here, or already there (a restart, or another instance starting at the same moment).
                keys.insert(ApiKey.of(workspace.id(), secret, now));
                if (!keys.findByHash(secret.hash()).map(key -> key.workspaceId().equals(workspace.id())).orElse(false)) {
                    throw new ConflictException("bootstrap_key_in_use",
                            "LATCHKEY_BOOTSTRAP_API_KEY already belongs to another workspace; choose a new key for 'default'");
                }
                return Optional.empty();
            }
            if (workspaces.anyExists()) {
                return Optional.empty();
            }
            Workspace workspace = defaultWorkspace(Environment.TEST, now);
            return Optional.of(ApiKeys.issue(keys, workspace, random, now));
        });
        // Once stored (committed), neither key may be refused as one that was unknown a moment ago.
        bootstrapKey.ifPresent(secret -> authentication.forgetUnknown(secret.hash()));
        generated.ifPresent(made -> authentication.forgetUnknown(made.key().hash()));
        return generated;
    }

    private Workspace defaultWorkspace(Environment environment, Instant now) {
        return workspaces.findByName(Workspace.DEFAULT_NAME).orElseGet(() -> {
            Workspace created = new Workspace(WorkspaceId.random(), Workspace.DEFAULT_NAME, environment, now);
            if (workspaces.insert(created)) {
                return created;
            }
            // Taken by another instance starting at the same moment: use the one that was stored.
            return workspaces.findByName(Workspace.DEFAULT_NAME)
                    .orElseThrow(() -> new IllegalStateException("the default workspace was neither inserted nor found"));
        });
    }
}
