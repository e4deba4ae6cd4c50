package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.in.GetConnectorUseCase;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.connection.Connection;

import java.util.Optional;

/** Best-effort revocation at the provider before a connection is deleted: a failure is logged, never fatal. */
final class Revoker {
    private static final System.Logger LOG = System.getLogger(Revoker.class.getName());

    private final GetConnectorUseCase connectors;
    private final AuthSchemes schemes;

    Revoker(GetConnectorUseCase connectors, AuthSchemes schemes) {
        this.connectors = connectors;
        this.schemes = schemes;
    }

    void revoke(Connection connection) {
        try {
            ConnectorView view = connectors.get(connection.workspaceId(), connection.connector());
            view.definition().authMethod(connection.authType()).ifPresent(method -> {
                AuthSchemePort.Context context = new AuthSchemePort.Context(view.definition(), method, connection.params(),
                        view.settings().client());
                schemes.find(connection.authType()).ifPresent(scheme -> scheme.revoke(context, connection.credentials()));
            });
        } catch (NotFoundException e) {
            LOG.log(System.Logger.Level.INFO, "Connector {0} is gone; connection {1} is deleted without revocation",
                    connection.connector(), connection.id());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Revoking connection {0} at {1} failed ({2}); it is deleted anyway",
                    connection.id(), connection.connector(), Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()));
        }
    }
}
