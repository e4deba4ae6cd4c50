package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.connection.ConnectionPersistenceAdapter;
import dev.latchkey.adapters.persistence.connection.ConnectorUsagePersistenceAdapter;
import dev.latchkey.adapters.persistence.connector.PrivateConnectorPersistenceAdapter;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false, transactional = false)
class ConnectorUsagePersistenceAdapterTest extends EncryptedPersistenceTest {
    @Inject
    ConnectionPersistenceAdapter connections;
    @Inject
    PrivateConnectorPersistenceAdapter privateConnectors;
    @Inject
    ConnectorUsagePersistenceAdapter usage;

    private void connect(WorkspaceId ws, LinkedAccount account, String connector) {
        connections.insert(Connection.create(ws, account.key(), new ConnectorSlug(connector), "api_key", Optional.empty(), List.of(),
                Map.of(), Map.of(), Credentials.ofFields(Map.of("api_key", "k")), NOW));
    }

    @Test
    void connections_are_counted_per_connector_that_is_neither_in_the_catalog_nor_private_to_their_workspace() {
        WorkspaceId first = newWorkspace();
        LinkedAccount a = newAccount(first);
        WorkspaceId second = newWorkspace();
        LinkedAccount b = newAccount(second);
        privateConnectors.insert(first, new ConnectorSlug("mine"), Map.of("slug", "mine"));
        connect(first, a, "stripe");
        connect(first, a, "gone");
        connect(first, a, "gone");
        connect(first, a, "mine");
        connect(second, b, "gone");
        connect(second, b, "mine"); // the private connector of another workspace: gone for this one

        assertThat(usage.connectionsWithoutConnector(Set.of(new ConnectorSlug("stripe"), new ConnectorSlug("slack"))))
                .containsExactly(Map.entry(new ConnectorSlug("gone"), 3L), Map.entry(new ConnectorSlug("mine"), 1L));
        assertThat(usage.connectionsWithoutConnector(Set.of(new ConnectorSlug("stripe"), new ConnectorSlug("gone"), new ConnectorSlug("mine"))))
                .isEmpty();
    }
}
