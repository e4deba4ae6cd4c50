package dev.latchkey.bootstrap;

import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.util.concurrent.ExecutorService;
import java.time.Duration;
import dev.latchkey.application.service.RefreshExpiringConnectionsService;
import dev.latchkey.application.service.RefreshTokenService;
import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.ListConnectorsUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.adapters.persistence.connection.ConnectionPersistenceAdapter;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.ConnectorCatalogPort;
import dev.latchkey.application.port.out.ConnectorSettingsStorePort;
import dev.latchkey.application.port.out.CredentialReencryptionPort;
import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.application.port.out.PendingAuthorizationStorePort;
import dev.latchkey.application.port.out.PrivateConnectorStorePort;
import dev.latchkey.application.port.out.ProviderHttpPort;
import dev.latchkey.application.port.out.WorkspaceSettingsStorePort;
import dev.latchkey.application.port.out.WebhookDeliveryStorePort;
import dev.latchkey.application.port.out.WebhookEndpointStorePort;
import dev.latchkey.application.port.out.WebhookSenderPort;
import dev.latchkey.application.service.DispatchWebhooksService;
import dev.latchkey.application.service.ManageWebhooksService;
import dev.latchkey.application.service.CompleteAuthorizationService;
import dev.latchkey.application.service.PrepareProxyRequestService;
import dev.latchkey.application.port.in.RefreshTokenUseCase;
import dev.latchkey.application.service.ConnectAppService;
import dev.latchkey.application.service.ConnectorDirectoryService;
import dev.latchkey.application.service.DisconnectService;
import dev.latchkey.application.service.ImportConnectionService;
import dev.latchkey.application.service.ListAppsService;
import dev.latchkey.application.service.ListConnectionsService;
import dev.latchkey.application.service.RotateEncryptionKeyService;
import dev.latchkey.application.service.WorkspaceSettingsService;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Value;
import dev.latchkey.application.port.out.ApiKeyStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.IdempotencyStorePort;
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
import dev.latchkey.application.service.IdempotentRequestService;
import dev.latchkey.application.service.RevokeSessionTokenService;
import dev.latchkey.application.service.UpdateLinkedAccountService;
import dev.latchkey.application.service.UpsertLinkedAccountService;
import dev.latchkey.application.service.VerifySessionGrantService;
import dev.latchkey.application.port.out.BrandingStorePort;
import dev.latchkey.application.port.out.ConnectLinkStorePort;
import dev.latchkey.application.port.out.PortalSessionStorePort;
import dev.latchkey.application.service.BrandingService;
import dev.latchkey.application.service.PortalService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

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
    DeleteLinkedAccountService deleteLinkedAccount(LinkedAccountStorePort accounts, ConnectionStorePort connections,
                                                   GetConnectorUseCase connectors, List<AuthSchemePort> schemes,
                                                   EventOutboxPort events, TransactionPort transactions, Clock clock) {
        return new DeleteLinkedAccountService(accounts, connections, connectors, schemes, events, transactions, clock);
    }

    @Singleton
    MintSessionTokenService mintSessionToken(LinkedAccountStorePort accounts, Clock clock) {
        return new MintSessionTokenService(accounts, clock);
    }

    @Singleton
    RevokeSessionTokenService revokeSessionToken(SessionRevocationStorePort revocations, Clock clock) {
        return new RevokeSessionTokenService(revocations, clock);
    }

    /**
     * Idempotency keys: a duplicate of a running request polls for its answer up to {@code wait}; a key
     * held by a run that died (the process stopped mid-request) is taken over after {@code abandoned-after}.
     */
    @Singleton
    IdempotentRequestService idempotentRequests(IdempotencyStorePort store, Clock clock,
                                                @Value("${latchkey.idempotency.wait:10s}") Duration wait,
                                                @Value("${latchkey.idempotency.poll:100ms}") Duration poll,
                                                @Value("${latchkey.idempotency.abandoned-after:2m}") Duration abandonedAfter) {
        return new IdempotentRequestService(store, clock, wait, poll, abandonedAfter, Thread::sleep);
    }

    @Singleton
    VerifySessionGrantService verifySessionGrant(SessionRevocationStorePort revocations, LinkedAccountStorePort accounts, Clock clock) {
        return new VerifySessionGrantService(revocations, accounts, clock);
    }

    @Singleton
    AuthenticateApiKeyService authenticateApiKey(ApiKeyStorePort keys, Clock clock, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        return new AuthenticateApiKeyService(keys, clock, blocking);
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

    @Singleton
    ConnectorDirectoryService connectorDirectory(ConnectorCatalogPort catalog, PrivateConnectorStorePort privates,
                                                 ConnectorSettingsStorePort settings, List<AuthSchemePort> schemes,
                                                 @Value("${latchkey.allow-private-network:false}") boolean allowPrivateNetwork,
                                                 Clock clock) {
        return new ConnectorDirectoryService(catalog, privates, settings, schemes, allowPrivateNetwork, clock,
                java.time.Duration.ofSeconds(5));
    }

    @Singleton
    WorkspaceSettingsService workspaceSettings(WorkspaceSettingsStorePort settings) {
        return new WorkspaceSettingsService(settings);
    }

    @Singleton
    ListAppsService listApps(ListConnectorsUseCase listConnectors, GetConnectorUseCase getConnector, LinkedAccountStorePort accounts,
                             ConnectionStorePort connections) {
        return new ListAppsService(listConnectors, getConnector, accounts, connections);
    }

    @Singleton
    ConnectAppService connectApp(GetConnectorUseCase connectors, LinkedAccountStorePort accounts, ConnectionStorePort connections,
                                 PendingAuthorizationStorePort pending, WorkspaceSettingsStorePort workspaceSettings,
                                 List<AuthSchemePort> schemes, ProviderHttpPort http, SecureRandom random, Clock clock,
                                 PublicUrl publicUrl, EventOutboxPort events, TransactionPort transactions) {
        return new ConnectAppService(connectors, accounts, connections, pending, workspaceSettings, schemes, http, random, clock,
                publicUrl.oauthRedirectUri(), events, transactions);
    }

    @Singleton
    CompleteAuthorizationService completeAuthorization(GetConnectorUseCase connectors, LinkedAccountStorePort accounts,
                                                       ConnectionStorePort connections, PendingAuthorizationStorePort pending,
                                                       WorkspaceSettingsStorePort workspaceSettings, List<AuthSchemePort> schemes,
                                                       ProviderHttpPort http, Clock clock, PublicUrl publicUrl,
                                                       EventOutboxPort events, TransactionPort transactions) {
        return new CompleteAuthorizationService(connectors, accounts, connections, pending, workspaceSettings, schemes, http, clock,
                publicUrl.oauthRedirectUri(), events, transactions);
    }

    @Singleton
    ListConnectionsService listConnections(LinkedAccountStorePort accounts, ConnectionStorePort connections) {
        return new ListConnectionsService(accounts, connections);
    }

    @Singleton
    DisconnectService disconnect(LinkedAccountStorePort accounts, ConnectionStorePort connections, GetConnectorUseCase connectors,
                                 List<AuthSchemePort> schemes, EventOutboxPort events, TransactionPort transactions, Clock clock) {
        return new DisconnectService(accounts, connections, connectors, schemes, events, transactions, clock);
    }

    @Singleton
    ImportConnectionService importConnection(GetConnectorUseCase connectors, LinkedAccountStorePort accounts,
                                             ConnectionStorePort connections, Clock clock, EventOutboxPort events,
                                             TransactionPort transactions) {
        return new ImportConnectionService(connectors, accounts, connections, clock, events, transactions);
    }

    @Singleton
    RotateEncryptionKeyService rotateEncryptionKey(CredentialReencryptionPort reencryption) {
        return new RotateEncryptionKeyService(reencryption);
    }

    @Singleton
    PrepareProxyRequestService.RememberedTargets rememberedProxyTargets(
            @Value("${latchkey.proxy.remember-targets:2s}") Duration lifetime, Clock clock,
            @Value("${latchkey.refresh.wait:10s}") Duration wait) {
        return new PrepareProxyRequestService.RememberedTargets(lifetime, 10_000, clock, wait);
    }

    /** The connection store every service uses: its writes make the proxy forget what it prepared for the connection. */
    @Singleton
    @Primary
    ConnectionStorePort connections(ConnectionPersistenceAdapter store, PrepareProxyRequestService.RememberedTargets remembered) {
        return remembered.watching(store);
    }

    @Singleton
    PrepareProxyRequestService prepareProxyRequest(LinkedAccountStorePort accounts, ConnectionStorePort connections,
                                                   GetConnectorUseCase connectors, RefreshTokenUseCase refresh, ProviderHttpPort http,
                                                   List<AuthSchemePort> schemes, PrepareProxyRequestService.RememberedTargets remembered,
                                                   @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        return new PrepareProxyRequestService(accounts, connections, connectors, refresh, http, schemes, remembered, blocking);
    }

    // --- webhooks ---

    @Singleton
    ManageWebhooksService manageWebhooks(WebhookEndpointStorePort endpoints, WebhookDeliveryStorePort deliveries, WebhookSenderPort sender,
                                         SecureRandom random, Clock clock) {
        return new ManageWebhooksService(endpoints, deliveries, sender, random, clock);
    }

    @Singleton
    DispatchWebhooksService dispatchWebhooks(WebhookDeliveryStorePort deliveries, WebhookSenderPort sender, Clock clock) {
        return new DispatchWebhooksService(deliveries, sender, clock);
    }

    // --- token refresh (issue 4) ---

    @Singleton
    RefreshTokenService refreshToken(ConnectionStorePort connections, LinkedAccountStorePort accounts, GetConnectorUseCase connectors,
                                     List<AuthSchemePort> schemes, EventOutboxPort events, TransactionPort transactions, Clock clock,
                                     @Value("${latchkey.refresh.wait:10s}") Duration wait) {
        return new RefreshTokenService(connections, accounts, connectors, schemes, events, transactions, clock, wait);
    }

    @Singleton
    RefreshExpiringConnectionsService refreshExpiringConnections(
            ConnectionStorePort connections, TransactionPort transactions, RefreshTokenService refresher, Clock clock,
            @Value("${latchkey.refresh.window:10m}") Duration window, @Value("${latchkey.refresh.lease:2m}") Duration lease) {
        return new RefreshExpiringConnectionsService(connections, transactions, refresher, clock, window, lease);
    }

    // --- config fields (issue 5) ---

    @Singleton
    dev.latchkey.application.service.ConfigFieldsService configFields(GetConnectorUseCase connectors,
                                                                      dev.latchkey.application.port.out.ConfigFieldStorePort store, Clock clock) {
        return new dev.latchkey.application.service.ConfigFieldsService(connectors, store, clock);
    }

    @Singleton
    dev.latchkey.application.service.ConfigService configs(LinkedAccountStorePort accounts,
                                                            dev.latchkey.application.port.in.GetConfigFieldsUseCase definitions,
                                                            dev.latchkey.application.port.out.ConfigValueStorePort values,
                                                            EventOutboxPort events, TransactionPort transactions, Clock clock) {
        return new dev.latchkey.application.service.ConfigService(accounts, definitions, values, events, transactions, clock);
    }

    @Singleton
    dev.latchkey.application.service.ListConfigOptionsService configOptions(LinkedAccountStorePort accounts, ConnectionStorePort connections,
                                                                            dev.latchkey.application.port.in.GetConfigFieldsUseCase definitions,
                                                                            GetConnectorUseCase connectors,
                                                                            dev.latchkey.application.port.in.PrepareProxyRequestUseCase prepare,
                                                                            ProviderHttpPort http) {
        return new dev.latchkey.application.service.ListConfigOptionsService(accounts, connections, definitions, connectors, prepare, http);
    }

    // --- hosted portal and branding (issue 6) ---

    @Singleton
    BrandingService branding(BrandingStorePort store) {
        return new BrandingService(store);
    }

    @Singleton
    PortalService portal(LinkedAccountStorePort accounts, GetConnectorUseCase connectors, WorkspaceSettingsStorePort workspaceSettings,
                         BrandingStorePort branding, ConnectLinkStorePort links, PortalSessionStorePort sessions, SecureRandom random,
                         Clock clock) {
        return new PortalService(accounts, connectors, workspaceSettings, branding, links, sessions, random, clock);
    }
}
