package dev.latchkey.adapters.persistence;

import dev.latchkey.domain.connector.OAuthClient;
import dev.latchkey.domain.connector.ConnectorSettings;

import dev.latchkey.adapters.persistence.connector.ConnectorSettingsPersistenceAdapter;
import dev.latchkey.adapters.persistence.crypto.CredentialDecryptionException;
import dev.latchkey.domain.connector.ConnectorSettings;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(startApplication = false, transactional = false)
class ConnectorSettingsPersistenceAdapterTest extends EncryptedPersistenceTest {
    private static final String CLIENT_SECRET = "hubspot-client-SECRET-42";
    private static final ConnectorSlug HUBSPOT = new ConnectorSlug("hubspot");
    private static final ConnectorSlug SLACK = new ConnectorSlug("slack");

    @Inject
    ConnectorSettingsPersistenceAdapter settings;

    @Test
    void settings_with_a_client_read_back_and_the_secret_is_stored_encrypted() throws SQLException {
        WorkspaceId ws = newWorkspace();
        ConnectorSettings saved = new ConnectorSettings(true, Optional.of(new OAuthClient("client-123", CLIENT_SECRET)), List.of("crm.objects.read", "oauth"));
        settings.save(ws, HUBSPOT, saved);

        assertThat(settings.find(ws, HUBSPOT)).contains(saved);
        try (java.sql.Connection db = jdbc();
             PreparedStatement query = db.prepareStatement("SELECT * FROM connector_settings WHERE workspace_id = ?")) {
            query.setObject(1, ws.value());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("client_id")).isEqualTo("client-123");
                assertThat(row.getString("client_secret_key_id")).isEqualTo(KEY_ID);
                assertThat(new String(row.getBytes("client_secret_ciphertext"), StandardCharsets.ISO_8859_1)).doesNotContain(CLIENT_SECRET);
            }
        }
    }

    @Test
    void settings_without_a_client_read_back() {
        WorkspaceId ws = newWorkspace();
        ConnectorSettings saved = new ConnectorSettings(false, Optional.empty(), List.of());
        settings.save(ws, SLACK, saved);

        assertThat(settings.find(ws, SLACK)).contains(saved);
    }

    @Test
    void saving_again_replaces_the_settings_including_removing_the_client() {
        WorkspaceId ws = newWorkspace();
        settings.save(ws, HUBSPOT, new ConnectorSettings(true, Optional.of(new OAuthClient("client-1", CLIENT_SECRET)), List.of("a")));
        ConnectorSettings second = new ConnectorSettings(false, Optional.empty(), List.of("b", "c"));
        settings.save(ws, HUBSPOT, second);

        assertThat(settings.find(ws, HUBSPOT)).contains(second);
    }

    @Test
    void all_gives_every_connector_of_the_workspace_in_slug_order_and_nothing_of_others() {
        WorkspaceId ws = newWorkspace();
        WorkspaceId other = newWorkspace();
        settings.save(ws, SLACK, ConnectorSettings.DEFAULT);
        settings.save(ws, HUBSPOT, new ConnectorSettings(true, Optional.of(new OAuthClient("c", CLIENT_SECRET)), List.of()));
        settings.save(other, new ConnectorSlug("asana"), ConnectorSettings.DEFAULT);

        assertThat(settings.all(ws).keySet()).containsExactly(HUBSPOT, SLACK);
        assertThat(settings.all(ws).get(HUBSPOT).client().orElseThrow().clientSecret()).isEqualTo(CLIENT_SECRET);
        assertThat(settings.find(other, HUBSPOT)).isEmpty();
        assertThat(settings.all(newWorkspace())).isEmpty();
    }

    @Test
    void a_client_secret_copied_to_another_connector_does_not_decrypt() throws SQLException {
        WorkspaceId ws = newWorkspace();
        settings.save(ws, HUBSPOT, new ConnectorSettings(true, Optional.of(new OAuthClient("c1", CLIENT_SECRET)), List.of()));
        settings.save(ws, SLACK, new ConnectorSettings(true, Optional.of(new OAuthClient("c2", "other-secret")), List.of()));
        try (java.sql.Connection db = jdbc(); PreparedStatement copy = db.prepareStatement("""
                UPDATE connector_settings SET client_secret_ciphertext =
                    (SELECT client_secret_ciphertext FROM connector_settings WHERE workspace_id = ? AND connector = 'hubspot')
                WHERE workspace_id = ? AND connector = 'slack'""")) {
            copy.setObject(1, ws.value());
            copy.setObject(2, ws.value());
            assertThat(copy.executeUpdate()).isEqualTo(1);
        }

        assertThatThrownBy(() -> settings.find(ws, SLACK)).isInstanceOf(CredentialDecryptionException.class)
                .message().doesNotContain(CLIENT_SECRET);
    }
}
