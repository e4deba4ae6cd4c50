package dev.latchkey.application.service;

import dev.latchkey.domain.event.Event;
import dev.latchkey.application.fakes.FakeKeyScheme;
import dev.latchkey.application.fakes.FakeOAuth2Scheme;
import dev.latchkey.application.fakes.FixedConnectorCatalog;
import dev.latchkey.application.fakes.InMemoryConnectionStore;
import dev.latchkey.application.fakes.InMemoryEventOutbox;
import dev.latchkey.application.fakes.InMemoryTransactions;
import dev.latchkey.application.fakes.InMemoryConnectorSettingsStore;
import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.InMemoryPrivateConnectorStore;
import dev.latchkey.application.port.in.ConfigureConnectorCommand;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.application.fakes.TestConnectors.privateSource;
import static dev.latchkey.application.fakes.TestConnectors.read;
import static dev.latchkey.application.fakes.TestConnectors.slackSource;
import static dev.latchkey.application.fakes.TestConnectors.stripeSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DisconnectAndDeleteLinkedAccountServiceTest {
    private static final Instant T0 = Instant.parse("2025-05-01T12:00:00Z");
    private static final ConnectorSlug SLACK = new ConnectorSlug("slack");
    private static final ConnectorSlug STRIPE = new ConnectorSlug("stripe");

    private final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore().cascadingTo(connections);
    private final FakeOAuth2Scheme oauth = new FakeOAuth2Scheme();
    private final FakeKeyScheme keys = new FakeKeyScheme();
    private final List<AuthSchemePort> schemes = List.of(oauth, keys);
    private final ConnectorServices directory = new ConnectorServices(
            FixedConnectorCatalog.of(read(slackSource()), read(stripeSource())), new InMemoryPrivateConnectorStore(),
            new InMemoryConnectorSettingsStore(), schemes, false);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(transactions);
    private final java.time.Clock clock = java.time.Clock.fixed(T0.plusSeconds(60), java.time.ZoneOffset.UTC);
    private final DisconnectService disconnect = new DisconnectService(accounts, connections, directory, schemes, outbox, transactions, clock);
    private final DeleteLinkedAccountService deleteAccount = new DeleteLinkedAccountService(accounts, connections, directory, schemes,
            outbox, transactions, clock);
    private final WorkspaceId workspace = WorkspaceId.random();
    private final LinkedAccountId aliceId = new LinkedAccountId("alice");
    private final LinkedAccountId bobId = new LinkedAccountId("bob");
    private LinkedAccount alice;
    private LinkedAccount bob;

    @BeforeEach
    void setUp() {
        alice = LinkedAccount.create(workspace, aliceId, Optional.empty(), Metadata.EMPTY, T0);
        bob = LinkedAccount.create(workspace, bobId, Optional.empty(), Metadata.EMPTY, T0);
        accounts.insert(alice);
        accounts.insert(bob);
        directory.configure(new ConfigureConnectorCommand(workspace, SLACK, Optional.empty(), Optional.of("client-1"),
                Optional.of("secret-1"), Optional.empty()));
    }

    private Connection slack(LinkedAccount owner, String token) {
        Connection connection = Connection.create(workspace, owner.key(), SLACK, "oauth2", Optional.of("team " + token), List.of("chat:write"),
                Map.of(), Map.of(), Credentials.ofToken(new AccessToken(token, Optional.empty(), Optional.empty(), "Bearer", List.of())), T0);
        connections.insert(connection);
        return connection;
    }

    private Connection stripe(LinkedAccount owner, String key) {
        Connection connection = Connection.create(workspace, owner.key(), STRIPE, "api_key", Optional.empty(), List.of(), Map.of(), Map.of(),
                Credentials.ofFields(Map.of("api_key", key)), T0);
        connections.insert(connection);
        return connection;
    }

    // --- disconnect ---

    @Test
    void disconnect_revokes_at_the_provider_with_the_workspace_s_oauth_app_then_deletes() {
        Connection connection = slack(alice, "xoxb-1");

        disconnect.disconnect(workspace, aliceId, connection.id());

        assertThat(oauth.revoked()).containsExactly(connection.credentials());
        assertThat(oauth.calls()).containsExactly("revoke slack");
        assertThat(connections.all()).isEmpty();
    }

    @Test
    void disconnect_asks_the_scheme_of_the_connection_s_auth_type() {
        Connection connection = stripe(alice, "sk_test_1");

        disconnect.disconnect(workspace, aliceId, connection.id());

        assertThat(keys.revoked()).containsExactly(connection.credentials());
        assertThat(oauth.revoked()).isEmpty();
        assertThat(connections.all()).isEmpty();
    }

    @Test
    void a_failed_revocation_does_not_prevent_the_disconnect() {
        Connection connection = slack(alice, "xoxb-1");
        oauth.failRevocationWith(ProviderException.unavailable("Slack is down"));

        disconnect.disconnect(workspace, aliceId, connection.id());

        assertThat(oauth.revoked()).hasSize(1);
        assertThat(connections.all()).isEmpty();
    }

    @Test
    void an_unexpected_revocation_error_does_not_prevent_the_disconnect_either() {
        Connection connection = slack(alice, "xoxb-1");
        oauth.failRevocationWith(new IllegalStateException("bug in the adapter"));

        disconnect.disconnect(workspace, aliceId, connection.id());

        assertThat(connections.all()).isEmpty();
    }

    @Test
    void a_connection_whose_private_connector_is_gone_is_deleted_without_revocation() {
        directory.create(workspace, privateSource("acme-crm"));
        Connection connection = Connection.create(workspace, alice.key(), new ConnectorSlug("acme-crm"), "api_key", Optional.empty(),
                List.of(), Map.of("account", "acme"), Map.of(), Credentials.ofFields(Map.of("api_key", "k")), T0);
        connections.insert(connection);
        directory.delete(workspace, new ConnectorSlug("acme-crm"));

        disconnect.disconnect(workspace, aliceId, connection.id());

        assertThat(keys.revoked()).isEmpty();
        assertThat(connections.all()).isEmpty();
    }

    @Test
    void another_account_s_connection_is_connection_not_found_and_stays() {
        Connection bobs = slack(bob, "xoxb-bob");

        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> disconnect.disconnect(workspace, aliceId, bobs.id()));

        assertThat(e.code()).isEqualTo("connection_not_found");
        assertThat(oauth.revoked()).isEmpty();
        assertThat(connections.all()).containsExactly(bobs);
    }

    @Test
    void an_unknown_connection_is_connection_not_found() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class,
                () -> disconnect.disconnect(workspace, aliceId, ConnectionId.random()));

        assertThat(e.code()).isEqualTo("connection_not_found");
    }

    @Test
    void another_workspace_cannot_disconnect_the_connection() {
        Connection connection = slack(alice, "xoxb-1");

        NotFoundException e = catchThrowableOfType(NotFoundException.class,
                () -> disconnect.disconnect(WorkspaceId.random(), aliceId, connection.id()));

        assertThat(e.code()).isEqualTo("linked_account_not_found");
        assertThat(connections.all()).containsExactly(connection);
        assertThat(oauth.revoked()).isEmpty();
    }

    // --- deleting a linked account ---

    @Test
    void deleting_an_account_revokes_each_of_its_connections_while_it_still_exists() {
        Connection first = slack(alice, "xoxb-1");
        Connection second = stripe(alice, "sk_test_1");
        List<Boolean> accountExistedAtRevocation = new ArrayList<>();
        oauth.onRevoke(() -> accountExistedAtRevocation.add(accounts.find(workspace, aliceId).isPresent()));
        keys.onRevoke(() -> accountExistedAtRevocation.add(accounts.find(workspace, aliceId).isPresent()));

        deleteAccount.delete(workspace, aliceId);

        assertThat(oauth.revoked()).containsExactly(first.credentials());
        assertThat(keys.revoked()).containsExactly(second.credentials());
        assertThat(accountExistedAtRevocation).containsExactly(true, true);
        assertThat(accounts.find(workspace, aliceId)).isEmpty();
        assertThat(connections.all()).isEmpty();
    }

    @Test
    void a_failed_revocation_does_not_prevent_deleting_the_account() {
        slack(alice, "xoxb-1");
        stripe(alice, "sk_test_1");
        oauth.failRevocationWith(ProviderException.rejected("invalid_token", "token already revoked"));

        deleteAccount.delete(workspace, aliceId);

        assertThat(keys.revoked()).hasSize(1);
        assertThat(accounts.find(workspace, aliceId)).isEmpty();
        assertThat(connections.all()).isEmpty();
    }

    @Test
    void deleting_an_account_leaves_other_accounts_connections_alone() {
        slack(alice, "xoxb-1");
        Connection bobs = slack(bob, "xoxb-bob");

        deleteAccount.delete(workspace, aliceId);

        assertThat(oauth.revoked()).extracting(c -> c.token().orElseThrow().value()).containsExactly("xoxb-1");
        assertThat(connections.all()).containsExactly(bobs);
    }

    @Test
    void deleting_an_unknown_account_is_linked_account_not_found_and_revokes_nothing() {
        slack(alice, "xoxb-1");

        NotFoundException e = catchThrowableOfType(NotFoundException.class,
                () -> deleteAccount.delete(workspace, new LinkedAccountId("nobody")));

        assertThat(e.code()).isEqualTo("linked_account_not_found");
        assertThat(oauth.revoked()).isEmpty();
    }

    // --- events ---

    @Test
    void disconnect_emits_connection_deleted_in_the_transaction_of_the_delete() {
        Connection connection = slack(alice, "xoxb-secret");

        disconnect.disconnect(workspace, aliceId, connection.id());

        assertThat(outbox.types()).containsExactly(Event.CONNECTION_DELETED);
        assertThat(outbox.events().get(0).data()).containsEntry("linked_account_id", "alice").containsEntry("connector", "slack")
                .containsEntry("connection_id", connection.id().toString());
        // The fixture's identity label repeats the token; what matters is that no credential field is there.
        assertThat(outbox.events().get(0).data()).containsOnlyKeys("linked_account_id", "connector", "connection_id", "auth_type",
                "status", "identifier");
        assertThat(transactions.committed()).isEqualTo(1);
    }

    @Test
    void deleting_an_account_emits_connection_deleted_for_each_connection_then_linked_account_deleted() {
        Connection first = slack(alice, "xoxb-1");
        Connection second = stripe(alice, "sk_test_secret");
        slack(bob, "xoxb-bob");

        deleteAccount.delete(workspace, aliceId);

        assertThat(outbox.types()).containsExactly(Event.CONNECTION_DELETED, Event.CONNECTION_DELETED, Event.LINKED_ACCOUNT_DELETED);
        assertThat(outbox.events()).extracting(e -> e.data().get("connection_id"))
                .containsExactly(first.id().toString(), second.id().toString(), null);
        assertThat(outbox.events().get(2).data()).isEqualTo(Map.of("linked_account_id", "alice"));
        assertThat(outbox.events().toString()).doesNotContain("sk_test_secret");
    }

    @Test
    void an_unknown_account_emits_nothing() {
        catchThrowableOfType(NotFoundException.class, () -> deleteAccount.delete(workspace, new LinkedAccountId("nobody")));

        assertThat(outbox.events()).isEmpty();
    }
}
