package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.service.CreateLinkedAccountService;
import dev.latchkey.application.service.DeleteLinkedAccountService;
import dev.latchkey.application.service.GetLinkedAccountService;
import dev.latchkey.application.service.ListLinkedAccountsService;
import dev.latchkey.application.service.UpdateLinkedAccountService;
import dev.latchkey.application.service.UpsertLinkedAccountService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/** The linked-account use cases: a platform's customers, as Latchkey knows them. */
@Factory
public class AccountsFactory {

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
}
