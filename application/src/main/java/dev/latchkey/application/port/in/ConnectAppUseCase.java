package dev.latchkey.application.port.in;

public interface ConnectAppUseCase {
    /**
     * Starts or completes a connection: for OAuth, the provider's consent URL; for key-based and
     * client-credentials schemes, the connection itself, after the connector's verification.
     */
    ConnectResult connect(ConnectAppCommand command);
}
