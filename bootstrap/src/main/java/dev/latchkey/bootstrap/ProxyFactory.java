package dev.latchkey.bootstrap;

import dev.latchkey.adapters.persistence.connection.ConnectionPersistenceAdapter;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.RefreshTokenUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.ProviderHttpPort;
import dev.latchkey.application.service.PrepareProxyRequestService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** The proxy's use case and the targets it remembers between calls. */
@Factory
public class ProxyFactory {

    @Singleton
    PrepareProxyRequestService.RememberedTargets rememberedProxyTargets(ProxyProperties proxy, RefreshProperties refresh, Clock clock) {
        return new PrepareProxyRequestService.RememberedTargets(proxy.getRememberTargets(), proxy.getRememberedTargetsMax(), clock,
                refresh.getWait());
    }

    /** The connection store every service uses: its writes make the proxy forget what it prepared for the connection. */
    @Singleton
    @Primary
    ConnectionStorePort connections(ConnectionPersistenceAdapter store, PrepareProxyRequestService.RememberedTargets remembered) {
        return remembered.watching(store);
    }

    /** A remembered target is prepared again on the blocking pool, never on the event loop that received the call. */
    @Singleton
    PrepareProxyRequestService prepareProxyRequest(LinkedAccountStorePort accounts, ConnectionStorePort connections,
                                                   GetConnectorUseCase connectors, RefreshTokenUseCase refresh, ProviderHttpPort http,
                                                   List<AuthSchemePort> schemes, PrepareProxyRequestService.RememberedTargets remembered,
                                                   @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        return new PrepareProxyRequestService(accounts, connections, connectors, refresh, http, schemes, remembered, blocking);
    }
}
