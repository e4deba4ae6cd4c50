package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.connection.ConnectionPersistenceAdapter;
import dev.latchkey.adapters.persistence.crypto.CredentialDecryptionException;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(startApplication = false, transactional = false)
class ConnectionPersistenceAdapterTest extends EncryptedPersistenceTest {
    private static final String ACCESS_TOKEN = "gho_accessTOKENvalue0123456789";
    private static final String REFRESH_TOKEN = "ghr_refreshTOKENvalue9876543210";
    private static final String API_KEY = "sk_live_51ApiKeyThatMustNotLeak";

    @Inject
    ConnectionPersistenceAdapter connections;

    private Connection oauthConnection(WorkspaceId workspace, LinkedAccount account, Instant createdAt) {
        AccessToken token = new AccessToken(ACCESS_TOKEN, Optional.of(REFRESH_TOKEN), Optional.of(NOW.plusSeconds(3600)), "bearer",
                List.of("repo", "read:user"));
        Connection created = Connection.create(workspace, account.key(), new ConnectorSlug("salesforce"), "oauth2",
                Optional.of("ada@acme.com"), List.of("api", "refresh_token"), Map.of("subdomain", "acme"),
                Map.of("instance_url", "https://acme.my.salesforce.com"),
                new Credentials(Map.of("client_note", "x"), Optional.of(token)), createdAt);
        return created.refreshed(token, createdAt.plusSeconds(5)).expired("invalid_grant: token revoked", createdAt.plusSeconds(10));
    }

    private Connection apiKeyConnection(WorkspaceId workspace, LinkedAccount account, Instant createdAt) {
        return Connection.create(workspace, account.key(), new ConnectorSlug("stripe"), "api_key", Optional.empty(), List.of(),
                Map.of(), Map.of(), Credentials.ofFields(Map.of("api_key", API_KEY)), createdAt);
    }

    @Test
    void a_connection_reads_back_with_every_field() {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        Connection connection = oauthConnection(ws, account, NOW);
        connections.insert(connection);

        Connection read = connections.find(ws, connection.id()).orElseThrow();
        assertThat(read).usingRecursiveComparison().ignoringFields("createdAt", "updatedAt", "lastRefreshedAt").isEqualTo(connection);
        assertThat(read.status()).isEqualTo(ConnectionStatus.EXPIRED);
        assertThat(read.lastError()).contains("invalid_grant: token revoked");
        assertThat(read.identifier()).contains("ada@acme.com");
        assertThat(read.scopes()).containsExactly("repo", "read:user");
        assertThat(read.params()).containsEntry("subdomain", "acme");
        assertThat(read.tokenValues()).containsEntry("instance_url", "https://acme.my.salesforce.com");
        assertThat(read.credentials().fields()).containsEntry("client_note", "x");
        AccessToken token = read.credentials().token().orElseThrow();
        assertThat(token.value()).isEqualTo(ACCESS_TOKEN);
        assertThat(token.refreshToken()).contains(REFRESH_TOKEN);
        assertThat(token.expiresAt()).contains(NOW.plusSeconds(3600));
        assertThat(token.tokenType()).isEqualTo("bearer");
        assertThat(read.createdAt()).isEqualTo(NOW.truncatedTo(ChronoUnit.MICROS));
        assertThat(read.updatedAt()).isEqualTo(NOW.plusSeconds(10).truncatedTo(ChronoUnit.MICROS));
        assertThat(read.lastRefreshedAt()).contains(NOW.plusSeconds(5).truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void a_key_based_connection_without_token_or_optional_values_reads_back() {
        WorkspaceId ws = newWorkspace();
        Connection connection = apiKeyConnection(ws, newAccount(ws), NOW);
        connections.insert(connection);

        Connection read = connections.find(ws, connection.id()).orElseThrow();
        assertThat(read.credentials().fields()).isEqualTo(Map.of("api_key", API_KEY));
        assertThat(read.credentials().token()).isEmpty();
        assertThat(read.identifier()).isEmpty();
        assertThat(read.lastRefreshedAt()).isEmpty();
        assertThat(read.lastError()).isEmpty();
        assertThat(read.status()).isEqualTo(ConnectionStatus.ACTIVE);
    }

    @Test
    void the_stored_row_holds_no_token_or_key_in_clear() throws SQLException {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        Connection oauth = oauthConnection(ws, account, NOW);
        Connection apiKey = apiKeyConnection(ws, account, NOW);
        connections.insert(oauth);
        connections.insert(apiKey);

        for (Connection connection : List.of(oauth, apiKey)) {
            try (java.sql.Connection db = jdbc();
                 PreparedStatement query = db.prepareStatement("SELECT * FROM connections WHERE id = ?")) {
                query.setObject(1, connection.id().value());
                try (ResultSet row = query.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString("credentials_key_id")).isEqualTo(KEY_ID);
                    String ciphertext = new String(row.getBytes("credentials_ciphertext"), StandardCharsets.ISO_8859_1);
                    StringBuilder wholeRow = new StringBuilder(ciphertext);
                    for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                        wholeRow.append('|').append(row.getString(i));
                    }
                    assertThat(wholeRow.toString()).doesNotContain(ACCESS_TOKEN, REFRESH_TOKEN, API_KEY, "api_key\"", "gho_", "sk_live");
                }
            }
        }
    }

    @Test
    void a_ciphertext_copied_to_another_connection_does_not_decrypt() throws SQLException {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        Connection victim = apiKeyConnection(ws, account, NOW);
        Connection target = oauthConnection(ws, account, NOW);
        connections.insert(victim);
        connections.insert(target);

        try (java.sql.Connection db = jdbc();
             PreparedStatement copy = db.prepareStatement("""
                     UPDATE connections SET credentials_ciphertext = (SELECT credentials_ciphertext FROM connections WHERE id = ?),
                                            credentials_key_id = (SELECT credentials_key_id FROM connections WHERE id = ?)
                     WHERE id = ?""")) {
            copy.setObject(1, victim.id().value());
            copy.setObject(2, victim.id().value());
            copy.setObject(3, target.id().value());
            assertThat(copy.executeUpdate()).isEqualTo(1);
        }

        assertThatThrownBy(() -> connections.find(ws, target.id()))
                .isInstanceOf(CredentialDecryptionException.class)
                .hasMessageContaining(target.id().toString())
                .message().doesNotContain(API_KEY);
        assertThat(connections.find(ws, victim.id()).orElseThrow().credentials().fields()).containsEntry("api_key", API_KEY);
    }

    @Test
    void a_ciphertext_under_an_unknown_key_id_fails_and_names_the_id() throws SQLException {
        WorkspaceId ws = newWorkspace();
        Connection connection = apiKeyConnection(ws, newAccount(ws), NOW);
        connections.insert(connection);
        try (java.sql.Connection db = jdbc();
             PreparedStatement rename = db.prepareStatement("UPDATE connections SET credentials_key_id = 'retired' WHERE id = ?")) {
            rename.setObject(1, connection.id().value());
            rename.executeUpdate();
        }

        assertThatThrownBy(() -> connections.find(ws, connection.id()))
                .isInstanceOf(CredentialDecryptionException.class)
                .hasMessageContaining("'retired'")
                .message().doesNotContain(API_KEY);
    }

    @Test
    void an_update_replaces_the_values_and_encrypts_the_new_credentials_again() throws SQLException {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        Connection connection = oauthConnection(ws, account, NOW);
        connections.insert(connection);
        byte[] before = ciphertextOf(connection.id());

        AccessToken fresh = new AccessToken("gho_freshTOKEN", Optional.empty(), Optional.empty(), "Bearer", List.of());
        Connection refreshed = connection.refreshed(fresh, NOW.plusSeconds(600));
        connections.update(refreshed);

        Connection read = connections.find(ws, connection.id()).orElseThrow();
        assertThat(read.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(read.lastError()).isEmpty();
        assertThat(read.credentials().token().orElseThrow().value()).isEqualTo("gho_freshTOKEN");
        assertThat(read.credentials().token().orElseThrow().refreshToken()).contains(REFRESH_TOKEN);
        assertThat(read.updatedAt()).isEqualTo(NOW.plusSeconds(600).truncatedTo(ChronoUnit.MICROS));
        assertThat(read.createdAt()).isEqualTo(NOW.truncatedTo(ChronoUnit.MICROS));
        assertThat(ciphertextOf(connection.id())).isNotEqualTo(before);
    }

    @Test
    void an_account_lists_its_connections_oldest_first_and_only_its_own() {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        LinkedAccount other = newAccount(ws);
        Connection second = apiKeyConnection(ws, account, NOW.plusSeconds(60));
        Connection first = oauthConnection(ws, account, NOW);
        Connection third = apiKeyConnection(ws, account, NOW.plusSeconds(120));
        connections.insert(second);
        connections.insert(first);
        connections.insert(third);
        connections.insert(apiKeyConnection(ws, other, NOW));

        assertThat(connections.listByAccount(ws, account.key())).extracting(Connection::id)
                .containsExactly(first.id(), second.id(), third.id());
        assertThat(connections.listByAccount(ws, account.key(), new ConnectorSlug("stripe"))).extracting(Connection::id)
                .containsExactly(second.id(), third.id());
        assertThat(connections.listByAccount(newWorkspace(), account.key(), new ConnectorSlug("stripe"))).isEmpty();
    }

    @Test
    void another_workspace_sees_nothing_and_deletes_nothing() {
        WorkspaceId ws = newWorkspace();
        WorkspaceId other = newWorkspace();
        LinkedAccount account = newAccount(ws);
        Connection connection = apiKeyConnection(ws, account, NOW);
        connections.insert(connection);

        assertThat(connections.find(other, connection.id())).isEmpty();
        assertThat(connections.listByAccount(other, account.key())).isEmpty();
        assertThat(connections.delete(other, connection.id())).isFalse();
        connections.update(new Connection(connection.id(), other, account.key(), connection.connector(), "api_key",
                ConnectionStatus.REVOKED, Optional.empty(), List.of(), Map.of(), Map.of(), connection.credentials(), NOW, NOW,
                Optional.empty(), Optional.empty()));
        assertThat(connections.find(ws, connection.id()).orElseThrow().status()).isEqualTo(ConnectionStatus.ACTIVE);
    }

    @Test
    void a_connection_cannot_belong_to_an_account_of_another_workspace() {
        WorkspaceId ws = newWorkspace();
        WorkspaceId other = newWorkspace();
        LinkedAccount foreign = newAccount(other);

        assertThatThrownBy(() -> connections.insert(apiKeyConnection(ws, foreign, NOW))).isInstanceOf(RuntimeException.class);
        assertThat(connections.listByAccount(ws, foreign.key())).isEmpty();
        assertThat(connections.listByAccount(other, foreign.key())).isEmpty();
    }

    @Test
    void delete_reports_whether_there_was_a_connection() {
        WorkspaceId ws = newWorkspace();
        Connection connection = apiKeyConnection(ws, newAccount(ws), NOW);
        connections.insert(connection);
        assertThat(connections.delete(ws, connection.id())).isTrue();
        assertThat(connections.delete(ws, connection.id())).isFalse();
        assertThat(connections.find(ws, connection.id())).isEmpty();
        assertThat(connections.find(ws, new ConnectionId(UUID.randomUUID()))).isEmpty();
    }

    private byte[] ciphertextOf(ConnectionId id) throws SQLException {
        try (java.sql.Connection db = jdbc();
             PreparedStatement query = db.prepareStatement("SELECT credentials_ciphertext FROM connections WHERE id = ?")) {
            query.setObject(1, id.value());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        }
    }
}
