package dev.latchkey.bootstrap;

import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.WorkspaceSettingsStorePort;
import dev.latchkey.application.port.out.WorkspaceStorePort;
import dev.latchkey.application.service.AuthenticateApiKeyService;
import dev.latchkey.application.service.CreateApiKeyService;
import dev.latchkey.application.service.CreateWorkspaceService;
import dev.latchkey.application.service.EnsureDefaultWorkspaceService;
import dev.latchkey.application.service.GetAllowedOriginsService;
import dev.latchkey.application.service.ListApiKeysService;
import dev.latchkey.application.service.ListWorkspacesService;
import dev.latchkey.application.service.RevokeApiKeyService;
import dev.latchkey.application.service.UpdateAllowedOriginsService;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/** The workspace use cases: workspaces, their API keys and their settings. */
@Factory
public class WorkspacesFactory {

    /** A remembered key is looked up again on the blocking pool, never on the event loop that received the request. */
    @Singleton
    AuthenticateApiKeyService authenticateApiKey(ApiKeyStorePort keys, Clock clock, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        return new AuthenticateApiKeyService(keys, clock, blocking);
    }

    @Singleton
    CreateWorkspaceService createWorkspace(WorkspaceStorePort workspaces, ApiKeyStorePort keys, TransactionPort transactions,
                                           SecureRandom random, Clock clock, AuthenticateApiKeyService authentication) {
        return new CreateWorkspaceService(workspaces, keys, transactions, random, clock, authentication);
    }

    @Singleton
    CreateApiKeyService createApiKey(WorkspaceStorePort workspaces, ApiKeyStorePort keys, SecureRandom random, Clock clock,
                                     AuthenticateApiKeyService authentication) {
        return new CreateApiKeyService(workspaces, keys, random, clock, authentication);
    }

    @Singleton
    ListApiKeysService listApiKeys(ApiKeyStorePort keys) {
        return new ListApiKeysService(keys);
    }

    @Singleton
    RevokeApiKeyService revokeApiKey(ApiKeyStorePort keys, Clock clock, AuthenticateApiKeyService authentication) {
        return new RevokeApiKeyService(keys, clock, authentication);
    }

    @Singleton
    ListWorkspacesService listWorkspaces(WorkspaceStorePort workspaces) {
        return new ListWorkspacesService(workspaces);
    }

    @Singleton
    EnsureDefaultWorkspaceService ensureDefaultWorkspace(WorkspaceStorePort workspaces, ApiKeyStorePort keys,
                                                         TransactionPort transactions, SecureRandom random, Clock clock,
                                                         AuthenticateApiKeyService authentication) {
        return new EnsureDefaultWorkspaceService(workspaces, keys, transactions, random, clock, authentication);
    }

    @Singleton
    GetAllowedOriginsService getAllowedOrigins(WorkspaceSettingsStorePort settings) {
        return new GetAllowedOriginsService(settings);
    }

    @Singleton
    UpdateAllowedOriginsService updateAllowedOrigins(WorkspaceSettingsStorePort settings) {
        return new UpdateAllowedOriginsService(settings);
    }
}
