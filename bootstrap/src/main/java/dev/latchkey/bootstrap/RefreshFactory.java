package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.service.RecordActivityService;
import dev.latchkey.application.service.RefreshExpiringConnectionsService;
import dev.latchkey.application.service.RefreshTokenService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import dev.latchkey.application.port.out.TracerPort;

import java.time.Clock;
import java.util.List;

/** The token-refresh use cases: on demand, once per connection however many requests ask, and ahead of expiry. */
@Factory
public class RefreshFactory {

    @Singleton
    RefreshTokenService refreshToken(ConnectionStorePort connections, LinkedAccountStorePort accounts, GetConnectorUseCase connectors,
                                     List<AuthSchemePort> schemes, EventOutboxPort events, TransactionPort transactions, Clock clock,
                                     RefreshProperties properties, RecordActivityService activity, TracerPort tracer) {
        return new RefreshTokenService(connections, accounts, connectors, schemes, events, transactions, clock, properties.getWait(),
                activity::record, tracer);
    }

    @Singleton
    RefreshExpiringConnectionsService refreshExpiringConnections(ConnectionStorePort connections, TransactionPort transactions,
                                                                 RefreshTokenService refresher, Clock clock, RefreshProperties properties) {
        return new RefreshExpiringConnectionsService(connections, transactions, refresher, clock, properties.getWindow(),
                properties.getLease());
    }
}
