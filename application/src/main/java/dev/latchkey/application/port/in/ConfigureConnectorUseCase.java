package dev.latchkey.application.port.in;

public interface ConfigureConnectorUseCase {
    /** Changes a workspace's settings for a connector: enabled, its own OAuth app, scopes. */
    ConnectorView configure(ConfigureConnectorCommand command);
}
