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
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
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
import static dev.latchkey.application.fakes.TestConnectors.with;
import static org.assertj.core.api.Assertions.assertThat;

/** A connector whose provider revokes idle refresh tokens ({@code refresh_at_least_every}): its connections are refreshed in time. */
class KeepAliveRefreshTest {
    private static final Instant T0 = Instant.parse("2025-05-01T12:00:00Z");
    private static final ConnectorDefinition IDLE_REVOKING = read(with(with(slackSource(), "slug", "idle-revoking"),
            "refresh_at_least_every", "P30D"));
    private static final ConnectorDefinition KEEPING = read(slackSource());

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    private final InMemoryConnectionStore connections = new InMemoryConnectionStore(transactions);
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(transactions);
    private final ScriptedRefreshScheme oauth = new ScriptedRefreshScheme();
    private final List<AuthSchemePort> schemes = List.of(oauth);
    private final ConnectorServices directory = new ConnectorServices(FixedConnectorCatalog.of(IDLE_REVOKING, KEEPING),
            new InMemoryPrivateConnectorStore(), new InMemoryConnectorSettingsStore(), schemes, false);
    private final RefreshTokenService refresher = new RefreshTokenService(connections, accounts, directory, schemes, outbox, transactions, clock);
    private final RefreshExpiringConnectionsService service = new RefreshExpiringConnectionsService(connections, transactions, refresher,
            clock, Duration.ofMinutes(10), Duration.ofMinutes(2));
    private final ConnectionWriter writer = new ConnectionWriter(connections, outbox, transactions);
    private final WorkspaceId workspace = WorkspaceId.random();
    private LinkedAccount account;

    @BeforeEach
    void setUp() {
        account = LinkedAccount.create(workspace, new LinkedAccountId("cust-42"), Optional.empty(), Metadata.EMPTY, T0);
        accounts.insert(account);
    }

    /** A token that never expires, with a refresh token: nothing but a keep-alive would ever refresh it. */
    private Connection connect(ConnectorDefinition connector, Optional<String> refreshToken) {
        Credentials credentials = Credentials.ofToken(new AccessToken("old", refreshToken, Optional.empty(), "Bearer", List.of()));
        return writer.save(workspace, account.id(), account.key(), connector.slug(), "oauth2", Optional.empty(), Map.of(),
                new AuthSchemePort.Grant(credentials, Map.of(), List.of()), clock.instant(), connector.refreshAtLeastEvery());
    }

    private String tokenOf(Connection c) {
        return connections.find(workspace, c.id()).orElseThrow().credentials().token().orElseThrow().value();
    }

    private static AccessToken neverExpiring(String value) {
        return new AccessToken(value, Optional.empty(), Optional.empty(), "Bearer", List.of());
    }

    @Test
    void a_connection_is_refreshed_once_its_refresh_token_has_been_idle_as_long_as_the_connector_allows_and_not_before() {
        Connection c = connect(IDLE_REVOKING, Optional.of("r1"));
        assertThat(connections.keepAliveBy(c.id())).contains(T0.plus(Duration.ofDays(30)));
        oauth.answering(neverExpiring("new")).answering(neverExpiring("newer"));

        clock.advance(Duration.ofDays(29));
        assertThat(service.refreshDue(10)).isZero();
        clock.advance(Duration.ofDays(1));
        assertThat(service.refreshDue(10)).isEqualTo(1);

        assertThat(tokenOf(c)).isEqualTo("new");
        assertThat(connections.keepAliveBy(c.id())).as("kept alive again from this refresh").contains(T0.plus(Duration.ofDays(60)));
        clock.advance(Duration.ofMinutes(5));
        assertThat(service.refreshDue(10)).as("not again until the next keep-alive").isZero();
        clock.advance(Duration.ofDays(30));
        assertThat(service.refreshDue(10)).isEqualTo(1);
        assertThat(tokenOf(c)).isEqualTo("newer");
        assertThat(oauth.refreshes()).isEqualTo(2);
    }

    @Test
    void a_connector_that_declares_no_keep_alive_leaves_a_never_expiring_token_alone() {
        Connection c = connect(KEEPING, Optional.of("r1"));
        assertThat(connections.keepAliveBy(c.id())).isEmpty();

        clock.advance(Duration.ofDays(400));
        assertThat(service.refreshDue(10)).isZero();
        assertThat(oauth.refreshes()).isZero();
    }

    @Test
    void a_connection_without_a_refresh_token_has_nothing_to_keep_alive() {
        Connection c = connect(IDLE_REVOKING, Optional.empty());

        assertThat(connections.keepAliveBy(c.id())).isEmpty();
    }
}
