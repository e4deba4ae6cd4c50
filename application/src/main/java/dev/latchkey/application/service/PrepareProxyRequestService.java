package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.in.PrepareProxyRequestCommand;
import dev.latchkey.application.port.in.PrepareProxyRequestUseCase;
import dev.latchkey.application.port.in.ProxyTarget;
import dev.latchkey.application.port.in.RefreshTokenUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.application.port.out.ProviderHttpPort;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorParam;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

public final class PrepareProxyRequestService implements PrepareProxyRequestUseCase {
    private final LinkedAccountStorePort accounts;
    private final ConnectionStorePort connections;
    private final GetConnectorUseCase connectors;
    private final RefreshTokenUseCase refresh;
    private final ProviderHttpPort http;
    private final AuthSchemes schemes;

    public PrepareProxyRequestService(LinkedAccountStorePort accounts, ConnectionStorePort connections, GetConnectorUseCase connectors,
                                      RefreshTokenUseCase refresh, ProviderHttpPort http, List<AuthSchemePort> schemes) {
        this.accounts = accounts;
        this.connections = connections;
        this.connectors = connectors;
        this.refresh = refresh;
        this.http = http;
        this.schemes = new AuthSchemes(schemes);
    }

    @Override
    public ProxyTarget prepare(PrepareProxyRequestCommand command) {
        LinkedAccount account = accounts.find(command.workspaceId(), command.accountId())
                .orElseThrow(() -> LinkedAccountErrors.notFound(command.accountId()));
        Connection chosen = choose(command, account);
        if (chosen.status() != ConnectionStatus.ACTIVE) {
            throw expired(chosen);
        }
        Connection connection = refresh.fresh(chosen, command.forceRefresh());
        ConnectorView view = connectors.get(command.workspaceId(), connection.connector());
        AuthMethod method = view.definition().authMethod(connection.authType())
                .orElseThrow(() -> new ConflictException("connection_outdated", "The connector no longer offers the auth type '"
                        + connection.authType() + "' of this connection; the customer must reconnect."));
        for (ConnectorParam param : view.definition().params()) {
            String value = connection.params().get(param.name());
            if (value != null && !param.accepts(value)) {
                throw new ConflictException("connection_outdated", "The connection's " + param.label()
                        + " no longer has the form the connector requires; the customer must reconnect.");
            }
        }
        URI base = baseUrl(view, connection);
        http.checkDestination(base);
        AuthSchemePort.Signature signature = schemes.get(method.type()).sign(
                new AuthSchemePort.Context(view.definition(), method, connection.params(), view.settings().client()), connection.credentials());
        Map<String, String> headers = new HashMap<>(view.definition().apiHeaders());
        headers.putAll(signature.headers());
        return new ProxyTarget(connection.id(), base, headers, signature.queryParameters());
    }

    private Connection choose(PrepareProxyRequestCommand command, LinkedAccount account) {
        List<Connection> candidates = connections.listByAccount(command.workspaceId(), account.key(), command.connector());
        if (command.connectionId().isPresent()) {
            return candidates.stream().filter(c -> c.id().equals(command.connectionId().get())).findFirst()
                    .orElseThrow(() -> ConnectorErrors.connectionNotFound(command.connectionId().get()));
        }
        if (candidates.isEmpty()) {
            throw new dev.latchkey.domain.NotFoundException("connection_not_found",
                    "Linked account '" + command.accountId() + "' has no connection to " + command.connector() + ".");
        }
        if (candidates.size() > 1) {
            throw new ConflictException("connection_ambiguous", "Linked account '" + command.accountId() + "' has "
                    + candidates.size() + " connections to " + command.connector() + "; name one with X-Connection-Id: "
                    + candidates.stream().map(c -> c.id().toString()).collect(Collectors.joining(", ")));
        }
        return candidates.get(0);
    }

    private static URI baseUrl(ConnectorView view, Connection connection) {
        String filled = view.definition().baseUrl().fill(connection.templateValues());
        try {
            URI uri = new URI(filled.endsWith("/") ? filled.substring(0, filled.length() - 1) : filled);
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new URISyntaxException(filled, "not a base URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConflictException("connection_outdated", "The API address of this connection is not a valid URL; the customer must reconnect.");
        }
    }

    static ConflictException expired(Connection connection) {
        return new ConflictException("connection_expired", "This connection to " + connection.connector()
                + " has expired" + connection.lastError().map(e -> " (" + e + ")").orElse("") + "; the customer must reconnect.");
    }
}
