package dev.latchkey.application.service;

import dev.latchkey.application.fakes.FakeKeyScheme;
import dev.latchkey.application.fakes.FakeOAuth2Scheme;
import dev.latchkey.application.fakes.FixedConnectorCatalog;
import dev.latchkey.application.fakes.InMemoryConnectionStore;
import dev.latchkey.application.fakes.InMemoryConnectorSettingsStore;
import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.InMemoryPrivateConnectorStore;
import dev.latchkey.application.port.in.AppView;
import dev.latchkey.application.port.in.ConfigureConnectorCommand;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.application.fakes.TestConnectors.privateSource;
import static dev.latchkey.application.fakes.TestConnectors.read;
import static dev.latchkey.application.fakes.TestConnectors.slackSource;
import static dev.latchkey.application.fakes.TestConnectors.stripeSource;
import static dev.latchkey.application.fakes.TestConnectors.zendeskSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ListAppsAndConnectionsServiceTest {
    private static final Instant T0 = Instant.parse("2025-05-01T12:00:00Z");
    private static final ConnectorSlug SLACK = new ConnectorSlug("slack");
    private static final ConnectorSlug STRIPE = new ConnectorSlug("stripe");
    private static final ConnectorSlug ZENDESK = new ConnectorSlug("zendesk");

    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    private final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    private final List<AuthSchemePort> schemes = List.of(new FakeOAuth2Scheme(), new FakeKeyScheme());
    private final ConnectorServices directory = new ConnectorServices(
            FixedConnectorCatalog.of(read(slackSource()), read(stripeSource()), read(zendeskSource())), new InMemoryPrivateConnectorStore(),
            new InMemoryConnectorSettingsStore(), schemes, false);
    private final ListAppsService apps = new ListAppsService(directory, accounts, connections);
    private final GetAppService app = new GetAppService(directory, accounts, connections);
    private final ListConnectionsService list = new ListConnectionsService(accounts, connections);
    private final GetConnectionService connection = new GetConnectionService(accounts, connections);
    private final WorkspaceId workspace = WorkspaceId.random();
    private final LinkedAccountId aliceId = new LinkedAccountId("alice");
    private LinkedAccount alice;
    private LinkedAccount bob;

    @BeforeEach
    void setUp() {
        alice = LinkedAccount.create(workspace, aliceId, Optional.empty(), Metadata.EMPTY, T0);
        bob = LinkedAccount.create(workspace, new LinkedAccountId("bob"), Optional.empty(), Metadata.EMPTY, T0);
        accounts.insert(alice);
        accounts.insert(bob);
    }

    private Connection connection(LinkedAccount owner, ConnectorSlug slug, String identifier, Instant at) {
        Connection connection = Connection.create(workspace, owner.key(), slug, slug.equals(STRIPE) ? "api_key" : "oauth2",
                Optional.of(identifier), List.of(), Map.of(), Map.of(), Credentials.ofFields(Map.of("k", "v")), at);
        connections.insert(connection);
        return connection;
    }

    private void disable(ConnectorSlug slug) {
        directory.configure(new ConfigureConnectorCommand(workspace, slug, Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void apps_are_the_enabled_connectors_with_this_account_s_connections() {
        Connection alicesSlack = connection(alice, SLACK, "Acme HQ", T0);
        connection(bob, SLACK, "Bob's team", T0);
        connection(alice, ZENDESK, "agent@acme.com", T0);
        disable(ZENDESK);
        directory.create(workspace, privateSource("acme-crm"));

        List<AppView> views = apps.list(workspace, aliceId);

        assertThat(views).extracting(v -> v.definition().slug().value()).containsExactly("acme-crm", "slack", "stripe");
        AppView slack = views.get(1);
        assertThat(slack.connections()).containsExactly(alicesSlack);
        assertThat(slack.connected()).isTrue();
        assertThat(slack.status()).contains(ConnectionStatus.ACTIVE);
        AppView stripe = views.get(2);
        assertThat(stripe.connected()).isFalse();
        assertThat(stripe.status()).isEmpty();
    }

    @Test
    void an_app_is_active_when_any_connection_is_else_it_has_the_status_of_the_latest() {
        Connection older = connection(alice, SLACK, "Team A", T0);
        connections.update(older.expired("invalid_grant", T0));

        assertThat(app.get(workspace, aliceId, SLACK).status()).contains(ConnectionStatus.EXPIRED);

        connection(alice, SLACK, "Team B", T0.plus(Duration.ofMinutes(1)));
        assertThat(app.get(workspace, aliceId, SLACK).status()).contains(ConnectionStatus.ACTIVE);
        assertThat(app.get(workspace, aliceId, SLACK).connections()).hasSize(2);
    }

    @Test
    void an_app_that_needs_the_workspace_s_oauth_app_is_not_offered_until_it_is_set_but_stays_visible_to_an_account_connected_to_it() {
        // slack connects only through the provider's consent page, and this workspace has not set its OAuth app
        assertThat(apps.list(workspace, aliceId)).extracting(v -> v.definition().slug().value()).containsExactly("stripe")
                .doesNotContain("slack");
        assertThat(catchThrowableOfType(NotFoundException.class, () -> app.get(workspace, aliceId, SLACK)).code())
                .isEqualTo("connector_not_found");
        connection(bob, SLACK, "Bob's team", T0); // imported before the app was removed, say
        assertThat(apps.list(workspace, bob.id())).extracting(v -> v.definition().slug().value()).contains("slack");
        assertThat(app.get(workspace, bob.id(), SLACK).awaitsOAuthApp()).isTrue();

        directory.configure(new ConfigureConnectorCommand(workspace, SLACK, Optional.empty(), Optional.of("client-id"),
                Optional.of("client-secret"), Optional.empty()));

        assertThat(apps.list(workspace, aliceId)).extracting(v -> v.definition().slug().value()).contains("slack", "stripe");
        assertThat(app.get(workspace, aliceId, SLACK).awaitsOAuthApp()).isFalse();
    }

    @Test
    void a_disabled_app_is_connector_not_found() {
        disable(SLACK);

        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> app.get(workspace, aliceId, SLACK));

        assertThat(e.code()).isEqualTo("connector_not_found");
    }

    @Test
    void apps_of_an_unknown_account_are_linked_account_not_found() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> apps.list(workspace, new LinkedAccountId("nobody")));

        assertThat(e.code()).isEqualTo("linked_account_not_found");
    }

    @Test
    void connections_are_listed_for_the_account_only_oldest_first() {
        Connection first = connection(alice, SLACK, "Team A", T0);
        connection(bob, SLACK, "Bob's team", T0);
        Connection second = connection(alice, STRIPE, "billing@acme.com", T0.plusSeconds(1));

        assertThat(list.list(workspace, aliceId)).containsExactly(first, second);
    }

    @Test
    void getting_another_account_s_connection_is_connection_not_found() {
        Connection bobs = connection(bob, SLACK, "Bob's team", T0);

        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> connection.get(workspace, aliceId, bobs.id()));

        assertThat(e.code()).isEqualTo("connection_not_found");
        assertThat(catchThrowableOfType(NotFoundException.class, () -> connection.get(workspace, aliceId, ConnectionId.random())).code())
                .isEqualTo("connection_not_found");
    }

    @Test
    void getting_an_own_connection_returns_it() {
        Connection own = connection(alice, SLACK, "Team A", T0);

        assertThat(connection.get(workspace, aliceId, own.id())).isEqualTo(own);
    }
}
