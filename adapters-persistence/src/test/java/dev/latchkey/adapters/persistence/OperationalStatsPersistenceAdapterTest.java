package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.connection.ConnectionPersistenceAdapter;
import dev.latchkey.adapters.persistence.stats.OperationalStatsPersistenceAdapter;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false, transactional = false)
class OperationalStatsPersistenceAdapterTest extends EncryptedPersistenceTest {
    @Inject
    ConnectionPersistenceAdapter connections;
    @Inject
    OperationalStatsPersistenceAdapter stats;

    private Connection connect(WorkspaceId ws, LinkedAccount account) {
        Connection connection = Connection.create(ws, account.key(), new ConnectorSlug("stripe"), "api_key", Optional.empty(), List.of(),
                Map.of(), Map.of(), Credentials.ofFields(Map.of("api_key", "k")), NOW);
        connections.insert(connection);
        return connection;
    }

    @Test
    void connections_are_counted_by_status_over_every_workspace() {
        Map<ConnectionStatus, Long> before = stats.connectionsByStatus();
        WorkspaceId first = newWorkspace();
        WorkspaceId second = newWorkspace();
        connect(first, newAccount(first));
        connect(second, newAccount(second));
        Connection expiring = connect(second, newAccount(second));
        connections.update(expiring.expired("invalid_grant", NOW));

        Map<ConnectionStatus, Long> after = stats.connectionsByStatus();

        assertThat(after.getOrDefault(ConnectionStatus.ACTIVE, 0L) - before.getOrDefault(ConnectionStatus.ACTIVE, 0L)).isEqualTo(2);
        assertThat(after.getOrDefault(ConnectionStatus.EXPIRED, 0L) - before.getOrDefault(ConnectionStatus.EXPIRED, 0L)).isEqualTo(1);
    }
}
