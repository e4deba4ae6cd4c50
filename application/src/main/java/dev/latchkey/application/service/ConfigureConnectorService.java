package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ConfigureConnectorCommand;
import dev.latchkey.application.port.in.ConfigureConnectorUseCase;
import dev.latchkey.application.port.in.ConnectorView;
import dev.latchkey.application.port.out.ConnectorSettingsStorePort;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connector.ConnectorSettings;
import dev.latchkey.domain.connector.OAuthClient;

import java.util.Optional;

/**
 * A workspace's settings of a connector: enabled or not, its own OAuth app, its scopes. What the
 * command leaves out stays as it was; a client secret is kept only while the client id is the same.
 */
public final class ConfigureConnectorService implements ConfigureConnectorUseCase {
    private static final int MAX_SCOPES = 100;
    private static final int MAX_SCOPE_LENGTH = 200;

    private final ConnectorDirectory directory;
    private final ConnectorSettingsStorePort settings;

    public ConfigureConnectorService(ConnectorDirectory directory, ConnectorSettingsStorePort settings) {
        this.directory = directory;
        this.settings = settings;
    }

    @Override
    public ConnectorView configure(ConfigureConnectorCommand command) {
        ConnectorView current = directory.get(command.workspaceId(), command.slug());
        ConnectorSettings was = current.settings();
        Violations v = new Violations();
        command.scopes().ifPresent(scopes -> {
            if (scopes.size() > MAX_SCOPES) {
                v.add("scopes", "at most " + MAX_SCOPES + " scopes");
            }
            for (int i = 0; i < scopes.size(); i++) {
                if (scopes.get(i) == null || scopes.get(i).isBlank() || scopes.get(i).length() > MAX_SCOPE_LENGTH) {
                    v.add("scopes[" + i + "]", "must be a non-empty scope name of at most " + MAX_SCOPE_LENGTH + " characters");
                }
            }
        });
        Optional<String> clientId = command.clientId().or(() -> was.client().map(OAuthClient::clientId));
        Optional<String> clientSecret = command.clientSecret().or(() -> was.client()
                .filter(c -> command.clientId().isEmpty() || command.clientId().get().equals(c.clientId()))
                .map(OAuthClient::clientSecret));
        if (clientId.isPresent() != clientSecret.isPresent()) {
            v.add(clientId.isPresent() ? "client_secret" : "client_id",
                    "is required with " + (clientId.isPresent() ? "client_id" : "client_secret") + ": give both of your OAuth app");
        }
        v.throwIfAny();
        ConnectorSettings now = new ConnectorSettings(
                command.enabled().orElse(was.enabled()),
                clientId.flatMap(id -> clientSecret.map(secret -> new OAuthClient(id, secret))),
                command.scopes().orElse(was.scopes()));
        settings.save(command.workspaceId(), command.slug(), now);
        directory.forget(command.workspaceId(), command.slug());
        return new ConnectorView(current.definition(), current.builtIn(), now, current.auth());
    }
}
