package dev.latchkey.bootstrap;

import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.SessionRevocationStorePort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.WorkspaceStorePort;
import dev.latchkey.application.service.AuthenticateApiKeyService;
import dev.latchkey.application.service.CreateLinkedAccountService;
import dev.latchkey.application.service.CreateWorkspaceService;
import dev.latchkey.application.service.DeleteLinkedAccountService;
import dev.latchkey.application.service.EnsureDefaultWorkspaceService;
import dev.latchkey.application.service.GetLinkedAccountService;
import dev.latchkey.application.service.ListLinkedAccountsService;
import dev.latchkey.application.service.MintSessionTokenService;
import dev.latchkey.application.service.RevokeSessionTokenService;
import dev.latchkey.application.service.UpdateLinkedAccountService;
import dev.latchkey.application.service.UpsertLinkedAccountService;
import dev.latchkey.application.service.VerifySessionGrantService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Wires the application's services (plain classes) to the adapters that implement their ports.
 * A service is exposed under every use-case interface it implements.
 */
@Factory
public class ServiceFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Singleton
    CreateLinkedAccountService createLinkedAccount(LinkedAccountStorePort accounts, Clock clock) {
        return new CreateLinkedAccountService(accounts, clock);
    }

    @Singleton
    UpsertLinkedAccountService upsertLinkedAccount(LinkedAccountStorePort accounts, TransactionPort transactions, Clock clock) {
        return new UpsertLinkedAccountService(accounts, transactions, clock);
    }

    @Singleton
    UpdateLinkedAccountService updateLinkedAccount(LinkedAccountStorePort accounts, TransactionPort transactions, Clock clock) {
        return new UpdateLinkedAccountService(accounts, transactions, clock);
    }

    @Singleton
    GetLinkedAccountService getLinkedAccount(LinkedAccountStorePort accounts) {
        return new GetLinkedAccountService(accounts);
    }

    @Singleton
    ListLinkedAccountsService listLinkedAccounts(LinkedAccountStorePort accounts) {
        return new ListLinkedAccountsService(accounts);
    }

    @Singleton
    DeleteLinkedAccountService deleteLinkedAccount(LinkedAccountStorePort accounts) {
        return new DeleteLinkedAccountService(accounts);
    }

    @Singleton
    MintSessionTokenService mintSessionToken(LinkedAccountStorePort accounts, Clock clock) {
        return new MintSessionTokenService(accounts, clock);
    }

    @Singleton
    RevokeSessionTokenService revokeSessionToken(SessionRevocationStorePort revocations, Clock clock) {
        return new RevokeSessionTokenService(revocations, clock);
    }

    @Singleton
    VerifySessionGrantService verifySessionGrant(SessionRevocationStorePort revocations, LinkedAccountStorePort accounts, Clock clock) {
        return new VerifySessionGrantService(revocations, accounts, clock);
    }

    @Singleton
    AuthenticateApiKeyService authenticateApiKey(ApiKeyStorePort keys) {
        return new AuthenticateApiKeyService(keys);
    }

    @Singleton
    CreateWorkspaceService createWorkspace(WorkspaceStorePort workspaces, ApiKeyStorePort keys, TransactionPort transactions,
                                           SecureRandom random, Clock clock) {
        return new CreateWorkspaceService(workspaces, keys, transactions, random, clock);
    }

    @Singleton
    EnsureDefaultWorkspaceService ensureDefaultWorkspace(WorkspaceStorePort workspaces, ApiKeyStorePort keys,
                                                         TransactionPort transactions, SecureRandom random, Clock clock) {
        return new EnsureDefaultWorkspaceService(workspaces, keys, transactions, random, clock);
    }
}
