package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.ImportConnectionCommand;
import dev.latchkey.application.port.in.ImportConnectionUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.EventOutboxPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.credential.AccessToken;

import java.time.Clock;
import java.util.List;

/** Brings in credentials a company already holds, as they are: no provider call is made. */
public final class ImportConnectionService implements ImportConnectionUseCase {
    private final GetConnectorUseCase connectors;
    private final LinkedAccountStorePort accounts;
    private final ConnectionWriter writer;
    private final Clock clock;

    public ImportConnectionService(GetConnectorUseCase connectors, LinkedAccountStorePort accounts, ConnectionStorePort connections,
                                   Clock clock, EventOutboxPort events, TransactionPort transactions) {
        this.connectors = connectors;
        this.accounts = accounts;
        this.writer = new ConnectionWriter(connections, events, transactions);
        this.clock = clock;
    }

    @Override
    public Connection importConnection(ImportConnectionCommand command) {
        LinkedAccount account = AccountLookups.account(accounts, command.workspaceId(), command.accountId());
        ConnectorView view = connectors.get(command.workspaceId(), command.connector());
        AuthMethod method = Inputs.authMethod(view.definition(), command.authType());
        Violations v = new Violations();
        Inputs.checkParams(view.definition(), command.params(), v);
        AuthCapabilities capabilities = view.capabilities(method.type());
        if (capabilities.tokenBased() && command.credentials().token().isEmpty()) {
            v.add("credentials.access_token", "is required for " + method.type());
        }
        if (!capabilities.tokenBased()) {
            Inputs.checkFields(capabilities.type(), capabilities.importFields(), command.credentials().fields(), v);
        }
        v.throwIfAny();
        List<String> scopes = command.credentials().token().map(AccessToken::scopes).orElse(List.of());
        return writer.save(command.workspaceId(), account.id(), account.key(), command.connector(), method.type(), command.identifier(),
                command.params(), new AuthSchemePort.Grant(command.credentials(), command.tokenValues(), scopes), clock.instant(),
                view.definition().refreshAtLeastEvery());
    }
}
