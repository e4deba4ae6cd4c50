package dev.latchkey.application.service;

import dev.latchkey.application.fakes.FixedConnectorCatalog;
import dev.latchkey.application.fakes.InMemoryConnectionStore;
import dev.latchkey.application.fakes.InMemoryConnectorSettingsStore;
import dev.latchkey.application.fakes.InMemoryEventOutbox;
import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.InMemoryPrivateConnectorStore;
import dev.latchkey.application.fakes.InMemoryTransactions;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.fakes.ScriptedRefreshScheme;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.application.fakes.TestConnectors.read;
import static dev.latchkey.application.fakes.TestConnectors.slackSource;
import static org.assertj.core.api.Assertions.assertThat;

class RefreshExpiringConnectionsServiceTest {
    private static final Instant T0 = Instant.parse("2025-05-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    private final InMemoryConnectionStore connections = new InMemoryConnectionStore(transactions);
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(transactions);
    private final ScriptedRefreshScheme oauth = new ScriptedRefreshScheme();
    private final List<AuthSchemePort> schemes = List.of(oauth);
    private final ConnectorServices directory = new ConnectorServices(FixedConnectorCatalog.of(read(slackSource())),
            new InMemoryPrivateConnectorStore(), new InMemoryConnectorSettingsStore(), schemes, false);
    private final RefreshTokenService refresher = new RefreshTokenService(connections, accounts, directory, schemes, outbox, transactions, clock);
    private final RefreshExpiringConnectionsService service = new RefreshExpiringConnectionsService(connections, transactions, refresher,
            clock, Duration.ofMinutes(10), Duration.ofMinutes(2));
    private final WorkspaceId workspace = WorkspaceId.random();
    private LinkedAccount account;

    @BeforeEach
    void setUp() {
        account = LinkedAccount.create(workspace, new LinkedAccountId("cust-42"), Optional.empty(), Metadata.EMPTY, T0);
        accounts.insert(account);
    }

    private Connection expiringIn(Duration d) {
        Connection c = Connection.create(workspace, account.key(), new ConnectorSlug("slack"), "oauth2", Optional.empty(), List.of(),
                Map.of(), Map.of(), Credentials.ofToken(new AccessToken("old", Optional.of("r1"), Optional.of(T0.plus(d)), "Bearer",
                        List.of())), T0);
        connections.insert(c);
        return c;
    }

    private String tokenOf(Connection c) {
        return connections.find(workspace, c.id()).orElseThrow().credentials().token().orElseThrow().value();
    }

    private static AccessToken fresh(String value) {
        return new AccessToken(value, Optional.empty(), Optional.of(T0.plus(Duration.ofHours(1))), "Bearer", List.of());
    }

    @Test
    void connections_expiring_within_the_window_are_refreshed_and_the_others_left_alone() {
        Connection soon = expiringIn(Duration.ofMinutes(8));
        Connection later = expiringIn(Duration.ofMinutes(30));
        oauth.answering(fresh("new"));

        assertThat(service.refreshDue(10)).isEqualTo(1);

        assertThat(tokenOf(soon)).isEqualTo("new");
        assertThat(tokenOf(later)).isEqualTo("old");
        assertThat(service.refreshDue(10)).isZero();
    }

    @Test
    void at_most_limit_connections_are_claimed_per_run() {
        expiringIn(Duration.ofMinutes(1));
        expiringIn(Duration.ofMinutes(2));
        expiringIn(Duration.ofMinutes(3));
        oauth.answering(fresh("a")).answering(fresh("b")).answering(fresh("c"));

        assertThat(service.refreshDue(2)).isEqualTo(2);
        assertThat(service.refreshDue(2)).isEqualTo(1);
        assertThat(oauth.refreshes()).isEqualTo(3);
    }

    @Test
    void a_rate_limited_token_endpoint_is_called_again_at_the_time_it_signalled_and_the_connection_stays_active() {
        Connection c = expiringIn(Duration.ofMinutes(3));
        oauth.failing(ProviderException.rateLimited("HTTP 429", Optional.of(Duration.ofSeconds(20)))).answering(fresh("new"));

        assertThat(service.refreshDue(10)).isEqualTo(1);
        assertThat(connections.find(workspace, c.id()).orElseThrow().status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(connections.schedule(c.id()).at()).contains(T0.plusSeconds(20));
        clock.advance(Duration.ofSeconds(19));
        assertThat(service.refreshDue(10)).as("not before the provider's time").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(service.refreshDue(10)).isEqualTo(1);

        assertThat(tokenOf(c)).isEqualTo("new");
        assertThat(oauth.refreshes()).isEqualTo(2);
        assertThat(outbox.events()).extracting(Event::type).doesNotContain(Event.CONNECTION_EXPIRED);
    }

    @Test
    void a_provider_outage_is_retried_after_the_backoff_and_not_before() {
        Connection c = expiringIn(Duration.ofMinutes(3));
        oauth.failing(ProviderException.unavailable("HTTP 503")).answering(fresh("new"));

        service.refreshDue(10);
        assertThat(connections.find(workspace, c.id()).orElseThrow().status()).isEqualTo(ConnectionStatus.ACTIVE);
        clock.advance(Duration.ofSeconds(30));
        assertThat(service.refreshDue(10)).isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(service.refreshDue(10)).isEqualTo(1);

        assertThat(tokenOf(c)).isEqualTo("new");
        assertThat(outbox.events()).extracting(Event::type).containsExactly(Event.CONNECTION_RECOVERED);
    }

    @Test
    void invalid_grant_in_the_background_expires_the_connection_with_an_event_and_it_is_not_claimed_again() {
        Connection c = expiringIn(Duration.ofMinutes(3));
        oauth.failing(ProviderException.rejected("invalid_grant", "refused"));

        service.refreshDue(10);
        clock.advance(Duration.ofHours(2));

        assertThat(connections.find(workspace, c.id()).orElseThrow().status()).isEqualTo(ConnectionStatus.EXPIRED);
        assertThat(outbox.events()).extracting(Event::type).containsExactly(Event.CONNECTION_EXPIRED);
        assertThat(service.refreshDue(10)).isZero();
    }

    @Test
    void on_a_stop_the_claimed_connections_not_refreshed_yet_are_given_back_due_at_once() {
        Connection first = expiringIn(Duration.ofMinutes(1));
        Connection second = expiringIn(Duration.ofMinutes(2));
        Connection third = expiringIn(Duration.ofMinutes(3));
        oauth.answering(fresh("new"));
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

        // The service starts stopping once the first connection is refreshed.
        assertThat(service.refreshDue(10, () -> asked.getAndIncrement() > 0)).isEqualTo(3);

        assertThat(tokenOf(first)).isEqualTo("new");
        assertThat(oauth.refreshes()).isEqualTo(1);
        assertThat(connections.schedule(second.id()).at()).as("no lease left to wait out").contains(T0);
        assertThat(connections.schedule(third.id()).at()).contains(T0);
        oauth.answering(fresh("b")).answering(fresh("c"));
        assertThat(service.refreshDue(10)).as("another instance takes them at once").isEqualTo(2);
    }

    @Test
    void a_claimed_connection_is_leased_so_a_second_instance_does_not_claim_it_before_the_lease_ends() {
        expiringIn(Duration.ofMinutes(3));

        List<?> first = transactions.inTransaction(() -> connections.claimDueForRefresh(T0, T0.plus(Duration.ofMinutes(10)),
                T0.plus(Duration.ofMinutes(2)), 10));
        List<?> second = transactions.inTransaction(() -> connections.claimDueForRefresh(T0, T0.plus(Duration.ofMinutes(10)),
                T0.plus(Duration.ofMinutes(2)), 10));

        assertThat(first).hasSize(1);
        assertThat(second).isEmpty();
    }
}
