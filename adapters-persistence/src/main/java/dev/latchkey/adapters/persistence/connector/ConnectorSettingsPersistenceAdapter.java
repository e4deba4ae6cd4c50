package dev.latchkey.adapters.persistence.connector;

import dev.latchkey.adapters.persistence.crypto.CredentialCipher;
import dev.latchkey.adapters.persistence.crypto.CredentialCipher.AssociatedData;
import dev.latchkey.adapters.persistence.crypto.Sealed;
import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.ConnectorSettingsStorePort;
import dev.latchkey.domain.connector.ConnectorSettings;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.connector.OAuthClient;
import dev.latchkey.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A workspace's settings per connector; the client secret of its own OAuth app is encrypted, bound to workspace and connector. */
@Singleton
@TranslatesDatabaseFailures
public class ConnectorSettingsPersistenceAdapter implements ConnectorSettingsStorePort {
    private final ConnectorSettingsRepository repository;
    private final CredentialCipher cipher;
    private final JsonColumns json;

    public ConnectorSettingsPersistenceAdapter(ConnectorSettingsRepository repository, CredentialCipher cipher, JsonColumns json) {
        this.repository = repository;
        this.cipher = cipher;
        this.json = json;
    }

    @Override
    public Optional<ConnectorSettings> find(WorkspaceId workspaceId, ConnectorSlug connector) {
        return repository.find(workspaceId.value(), connector.value()).map(this::toDomain);
    }

    /** Ordered by connector slug. */
    @Override
    public Map<ConnectorSlug, ConnectorSettings> all(WorkspaceId workspaceId) {
        Map<ConnectorSlug, ConnectorSettings> settings = new LinkedHashMap<>();
        repository.all(workspaceId.value()).forEach(row -> settings.put(new ConnectorSlug(row.connector()), toDomain(row)));
        return Collections.unmodifiableMap(settings);
    }

    @Override
    public void save(WorkspaceId workspaceId, ConnectorSlug connector, ConnectorSettings settings) {
        Optional<Sealed> secret = settings.client().map(client -> cipher.encrypt(client.clientSecret().getBytes(StandardCharsets.UTF_8),
                AssociatedData.clientSecret(workspaceId.value(), connector.value())));
        repository.upsert(workspaceId.value(), connector.value(), settings.enabled(),
                settings.client().map(OAuthClient::clientId).orElse(null), secret.map(Sealed::keyId).orElse(null),
                secret.map(Sealed::ciphertext).orElse(null), json.strings(settings.scopes()));
    }

    @Override
    public void delete(WorkspaceId workspaceId, ConnectorSlug connector) {
        repository.delete(workspaceId.value(), connector.value());
    }

    private ConnectorSettings toDomain(ConnectorSettingsRow row) {
        Optional<OAuthClient> client = Optional.ofNullable(row.clientId()).map(id -> new OAuthClient(id, new String(
                cipher.decrypt(new Sealed(row.clientSecretKeyId(), row.clientSecretCiphertext()),
                        AssociatedData.clientSecret(row.workspaceId(), row.connector())), StandardCharsets.UTF_8)));
        return new ConnectorSettings(row.enabled(), client, json.strings(row.scopes()));
    }
}
