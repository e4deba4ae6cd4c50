package dev.latchkey.bootstrap;

import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.CredentialReencryptionPort;
import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.PendingAuthorizationStorePort;
import dev.latchkey.application.port.out.ProviderHttpPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.WorkspaceSettingsStorePort;
import dev.latchkey.application.service.CompleteAuthorizationService;
import dev.latchkey.application.service.ConnectAppService;
import dev.latchkey.application.service.DisconnectService;
import dev.latchkey.application.service.GetConnectionService;
import dev.latchkey.application.service.ImportConnectionService;
import dev.latchkey.application.service.ListConnectionsService;
import dev.latchkey.application.service.RotateEncryptionKeyService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/** The connection use cases: connecting an app (OAuth flows included), importing, listing, disconnecting, re-encrypting. */
@Factory
public class ConnectionsFactory {

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
    GetConnectionService getConnection(LinkedAccountStorePort accounts, ConnectionStorePort connections) {
        return new GetConnectionService(accounts, connections);
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
}
