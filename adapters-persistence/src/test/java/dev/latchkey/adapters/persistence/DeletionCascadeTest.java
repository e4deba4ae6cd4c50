package dev.latchkey.adapters.persistence;

import dev.latchkey.domain.connector.OAuthClient;
import dev.latchkey.domain.connector.ConnectorSettings;

import dev.latchkey.adapters.persistence.connection.ConnectionPersistenceAdapter;
import dev.latchkey.adapters.persistence.connection.PendingAuthorizationPersistenceAdapter;
import dev.latchkey.adapters.persistence.connector.ConnectorSettingsPersistenceAdapter;
import dev.latchkey.adapters.persistence.connector.PrivateConnectorPersistenceAdapter;
import dev.latchkey.adapters.persistence.workspace.WorkspaceSettingsPersistenceAdapter;
import dev.latchkey.domain.connector.ConnectorSettings;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.PendingAuthorization;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.AllowedOrigins;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing is left behind when a linked account or a workspace goes. */
@MicronautTest(startApplication = false, transactional = false)
class DeletionCascadeTest extends EncryptedPersistenceTest {
    @Inject
    ConnectionPersistenceAdapter connections;
    @Inject
    PendingAuthorizationPersistenceAdapter pending;
    @Inject
    ConnectorSettingsPersistenceAdapter connectorSettings;
    @Inject
    PrivateConnectorPersistenceAdapter privateConnectors;
    @Inject
    WorkspaceSettingsPersistenceAdapter workspaceSettings;

    private Connection connect(WorkspaceId ws, LinkedAccount account) {
        Connection connection = Connection.create(ws, account.key(), new ConnectorSlug("stripe"), "api_key", Optional.empty(), List.of(),
                Map.of(), Map.of(), Credentials.ofFields(Map.of("api_key", "sk_test")), NOW);
        connections.insert(connection);
        return connection;
    }

    private PendingAuthorization startAuthorization(WorkspaceId ws, LinkedAccount account) {
        PendingAuthorization authorization = new PendingAuthorization("hash-" + UUID.randomUUID(), ws, account.key(), account.id(),
                new ConnectorSlug("github"), "oauth2", Map.of(), Optional.of("verifier"), PendingAuthorization.Mode.POPUP, Optional.empty(),
                NOW.plusSeconds(600));
        pending.save(authorization);
        return authorization;
    }

    private void fill(WorkspaceId ws) {
        LinkedAccount account = newAccount(ws);
        connect(ws, account);
        startAuthorization(ws, account);
        connectorSettings.save(ws, new ConnectorSlug("hubspot"), new ConnectorSettings(true, Optional.of(new OAuthClient("c", "s")), List.of()));
        privateConnectors.insert(ws, new ConnectorSlug("acme-crm"), Map.of("slug", "acme-crm"));
        workspaceSettings.saveAllowedOrigins(ws, new AllowedOrigins(List.of("https://app.acme.com")));
    }

    @Test
    void deleting_a_linked_account_deletes_its_connections_and_pending_authorizations_only() {
        WorkspaceId ws = newWorkspace();
        LinkedAccount leaving = newAccount(ws);
        LinkedAccount staying = newAccount(ws);
        Connection gone = connect(ws, leaving);
        PendingAuthorization goneAuthorization = startAuthorization(ws, leaving);
        Connection kept = connect(ws, staying);
        PendingAuthorization keptAuthorization = startAuthorization(ws, staying);

        assertThat(accounts.delete(ws, leaving.id())).isTrue();

        assertThat(connections.find(ws, gone.id())).isEmpty();
        assertThat(connections.listByAccount(ws, leaving.key())).isEmpty();
        assertThat(pending.consume(goneAuthorization.stateHash(), NOW)).isEmpty();
        assertThat(connections.find(ws, kept.id())).isPresent();
        assertThat(pending.consume(keptAuthorization.stateHash(), NOW)).isPresent();
    }

    @Test
    void deleting_a_workspace_deletes_every_row_of_it_and_nothing_of_another() throws SQLException {
        WorkspaceId leaving = newWorkspace();
        WorkspaceId staying = newWorkspace();
        fill(leaving);
        fill(staying);
        Map<String, Long> before = rowsPerTable(leaving);
        for (String table : List.of("linked_accounts", "connections", "pending_authorizations", "connector_settings",
                "private_connectors", "workspace_settings")) {
            assertThat(before.get(table)).as(table).isPositive();
        }

        try (java.sql.Connection db = jdbc(); PreparedStatement delete = db.prepareStatement("DELETE FROM workspaces WHERE id = ?")) {
            delete.setObject(1, leaving.value());
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }

        assertThat(rowsPerTable(leaving)).allSatisfy((table, count) -> assertThat(count).as(table).isZero());
        assertThat(rowsPerTable(staying)).isEqualTo(before);
    }

    /** Rows of the workspace in every table that has a workspace_id column, so a table added later is checked too. */
    private Map<String, Long> rowsPerTable(WorkspaceId ws) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (java.sql.Connection db = jdbc()) {
            List<String> tables = new ArrayList<>();
            try (Statement query = db.createStatement(); ResultSet rows = query.executeQuery("""
                    SELECT table_name FROM information_schema.columns
                    WHERE table_schema = current_schema() AND column_name = 'workspace_id' ORDER BY table_name""")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM " + table + " WHERE workspace_id = ?")) {
                    count.setObject(1, ws.value());
                    try (ResultSet rows = count.executeQuery()) {
                        rows.next();
                        counts.put(table, rows.getLong(1));
                    }
                }
            }
        }
        return counts;
    }
}
