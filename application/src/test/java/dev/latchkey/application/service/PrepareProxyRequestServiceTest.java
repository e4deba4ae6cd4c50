package dev.latchkey.application.service;

import dev.latchkey.application.fakes.FakeKeyScheme;
import dev.latchkey.application.fakes.FixedConnectorCatalog;
import dev.latchkey.application.fakes.InMemoryConnectionStore;
import dev.latchkey.application.fakes.InMemoryConnectorSettingsStore;
import dev.latchkey.application.fakes.InMemoryEventOutbox;
import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.InMemoryPrivateConnectorStore;
import dev.latchkey.application.fakes.InMemoryTransactions;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.fakes.ScriptedProviderHttp;
import dev.latchkey.application.fakes.ScriptedRefreshScheme;
import dev.latchkey.application.fakes.UnreachableDatabase;
import dev.latchkey.application.port.in.PrepareProxyRequestCommand;
import dev.latchkey.application.port.in.ProxyTarget;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.DatabaseUnavailableException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.latchkey.application.fakes.TestConnectors.read;
import static dev.latchkey.application.fakes.TestConnectors.slackSource;
import static dev.latchkey.application.fakes.TestConnectors.stripeSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The proxy remembers what it prepared for a moment, and forgets it as soon as it could be wrong. */
class PrepareProxyRequestServiceTest {
    private static final Instant T0 = Instant.parse("2025-05-01T12:00:00Z");
    private static final ConnectorSlug STRIPE = new ConnectorSlug("stripe");
    private static final ConnectorSlug SLACK = new ConnectorSlug("slack");
    private static final Duration LIFETIME = Duration.ofSeconds(2);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    /** What the database holds; another instance writes here directly. */
    private final InMemoryConnectionStore database = new InMemoryConnectionStore(transactions);
    private final ScriptedRefreshScheme oauth = new ScriptedRefreshScheme();
    private final List<AuthSchemePort> schemes = List.of(oauth, new FakeKeyScheme());
    private final ConnectorServices directory = new ConnectorServices(
            FixedConnectorCatalog.of(read(slackSource()), read(stripeSource())),
            new InMemoryPrivateConnectorStore(), new InMemoryConnectorSettingsStore(), schemes, false);
    private final WorkspaceId workspace = WorkspaceId.random();
    private final LinkedAccount account = LinkedAccount.create(workspace, new LinkedAccountId("cust-42"), Optional.empty(),
            Metadata.EMPTY, T0);

    private PrepareProxyRequestService.RememberedTargets remembered = new PrepareProxyRequestService.RememberedTargets(LIFETIME, 100, clock);
    /** What this instance's services write through. */
    private ConnectionStorePort here = remembered.watching(database);
    private PrepareProxyRequestService service = service();

    PrepareProxyRequestServiceTest() {
        accounts.insert(account);
    }

    private PrepareProxyRequestService service() {
        RefreshTokenService refresh = new RefreshTokenService(here, accounts, directory, schemes,
                new InMemoryEventOutbox(transactions), transactions, clock);
        return new PrepareProxyRequestService(accounts, here, directory, refresh, new ScriptedProviderHttp(), schemes, remembered, Runnable::run);
    }

    private Connection stripeKey(String key) {
        Connection connection = Connection.create(workspace, account.key(), STRIPE, "api_key", Optional.empty(), List.of(), Map.of(),
                Map.of(), Credentials.ofFields(Map.of("api_key", key)), T0);
        here.insert(connection);
        return connection;
    }

    private PrepareProxyRequestCommand call(ConnectorSlug connector) {
        return new PrepareProxyRequestCommand(workspace, account.id(), connector, Optional.empty());
    }

    private String authorization(ProxyTarget target) {
        return target.authenticate("GET", target.baseUrl(), Map.of(), Optional.empty()).headers().get("Authorization");
    }

    @Test
    void a_connection_whose_connector_file_was_removed_answers_connector_removed_naming_the_slug() {
        ConnectorSlug gone = new ConnectorSlug("acme-gone");
        here.insert(Connection.create(workspace, account.key(), gone, "api_key", Optional.empty(), List.of(), Map.of(),
                Map.of(), Credentials.ofFields(Map.of("api_key", "k")), T0));

        assertThatThrownBy(() -> service.prepare(call(gone)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("connector_removed"))
                .hasMessageContaining("'acme-gone'")
                .hasMessageContaining("restore acme-gone.yaml in LATCHKEY_CONNECTORS_DIR");
    }

    @Test
    void a_target_is_remembered_for_its_lifetime_then_read_again() {
        Connection connection = stripeKey("sk_test_1");
        ProxyTarget first = service.prepare(call(STRIPE));

        database.delete(workspace, connection.id()); // by another instance: this one is not told
        clock.advance(LIFETIME.minusMillis(1));
        assertThat(service.prepare(call(STRIPE))).isEqualTo(first);
        assertThat(service.remembered(call(STRIPE))).contains(first);

        clock.advance(Duration.ofMillis(1));
        assertThat(service.remembered(call(STRIPE))).isEmpty();
        assertThatThrownBy(() -> service.prepare(call(STRIPE))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void in_the_last_quarter_of_its_lifetime_a_target_is_prepared_again_ahead_once() {
        Connection connection = stripeKey("sk_test_1");
        service.prepare(call(STRIPE));
        Connection newKey = Connection.create(workspace, account.key(), STRIPE, "api_key", Optional.empty(), List.of(), Map.of(),
                Map.of(), Credentials.ofFields(Map.of("api_key", "sk_test_2")), T0);
        database.update(connection.reauthorized(newKey, T0)); // by another instance: this one is not told

        clock.advance(LIFETIME.dividedBy(2));
        assertThat(authorization(service.remembered(call(STRIPE)).orElseThrow())).isEqualTo("Bearer sk_test_1");
        clock.advance(LIFETIME.dividedBy(4));
        // this request uses what it found and has it renewed (here, the executor runs at once) ...
        assertThat(authorization(service.remembered(call(STRIPE)).orElseThrow())).isEqualTo("Bearer sk_test_1");
        // ... so the next one finds the renewed target, which lives a whole lifetime again
        assertThat(authorization(service.remembered(call(STRIPE)).orElseThrow())).isEqualTo("Bearer sk_test_2");
        clock.advance(LIFETIME.minusMillis(1));
        assertThat(service.remembered(call(STRIPE))).isPresent();
    }

    @Test
    void a_change_made_here_is_seen_at_once() {
        Connection connection = stripeKey("sk_test_1");
        assertThat(authorization(service.prepare(call(STRIPE)))).isEqualTo("Bearer sk_test_1");

        Connection newKey = Connection.create(workspace, account.key(), STRIPE, "api_key", Optional.empty(), List.of(), Map.of(),
                Map.of(), Credentials.ofFields(Map.of("api_key", "sk_test_2")), T0);
        here.update(connection.reauthorized(newKey, T0));
        assertThat(service.remembered(call(STRIPE))).isEmpty();
        assertThat(authorization(service.prepare(call(STRIPE)))).isEqualTo("Bearer sk_test_2");

        here.delete(workspace, connection.id());
        assertThatThrownBy(() -> service.prepare(call(STRIPE))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_token_is_not_remembered_past_the_moment_it_is_due_for_a_refresh() {
        remembered = new PrepareProxyRequestService.RememberedTargets(Duration.ofHours(1), 100, clock);
        here = remembered.watching(database);
        service = service();
        // Slack's margin is the default 5 minutes: this token is due for a refresh in one minute.
        AccessToken token = new AccessToken("old", Optional.of("r1"), Optional.of(T0.plus(Duration.ofMinutes(6))), "Bearer", List.of());
        here.insert(Connection.create(workspace, account.key(), SLACK, "oauth2", Optional.empty(), List.of(), Map.of(), Map.of(),
                Credentials.ofToken(token), T0));
        oauth.answering(new AccessToken("new", Optional.empty(), Optional.of(T0.plus(Duration.ofHours(2))), "Bearer", List.of()));

        assertThat(authorization(service.prepare(call(SLACK)))).isEqualTo("Bearer old");
        clock.advance(Duration.ofSeconds(59));
        assertThat(authorization(service.prepare(call(SLACK)))).isEqualTo("Bearer old");
        clock.advance(Duration.ofSeconds(1));
        assertThat(authorization(service.prepare(call(SLACK)))).isEqualTo("Bearer new");
        assertThat(oauth.refreshes()).isEqualTo(1);
    }

    @Test
    void a_replay_after_a_401_never_uses_the_remembered_target_with_the_rejected_token() {
        AccessToken token = new AccessToken("old", Optional.of("r1"), Optional.empty(), "Bearer", List.of());
        here.insert(Connection.create(workspace, account.key(), SLACK, "oauth2", Optional.empty(), List.of(), Map.of(), Map.of(),
                Credentials.ofToken(token), T0));
        oauth.answering(new AccessToken("new", Optional.empty(), Optional.empty(), "Bearer", List.of()));
        ProxyTarget rejected = service.prepare(call(SLACK));
        assertThat(authorization(rejected)).isEqualTo("Bearer old");

        assertThat(service.remembered(call(SLACK).rejecting(rejected))).isEmpty();
        assertThat(authorization(service.prepare(call(SLACK).rejecting(rejected)))).isEqualTo("Bearer new");
        assertThat(authorization(service.remembered(call(SLACK)).orElseThrow())).isEqualTo("Bearer new");
    }

    @Test
    void nothing_is_remembered_with_a_zero_lifetime() {
        remembered = new PrepareProxyRequestService.RememberedTargets(Duration.ZERO, 100, clock);
        here = remembered.watching(database);
        service = service();
        Connection connection = stripeKey("sk_test_1");
        service.prepare(call(STRIPE));

        assertThat(service.remembered(call(STRIPE))).isEmpty();
        database.delete(workspace, connection.id());
        assertThatThrownBy(() -> service.prepare(call(STRIPE))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void concurrent_misses_of_one_target_share_one_preparation_and_its_failure() throws Exception {
        PrepareProxyRequestService.RememberedTargets.Key key = new PrepareProxyRequestService.RememberedTargets.Key(
                workspace, account.id(), STRIPE, Optional.empty());
        ProxyTarget target = new ProxyTarget(dev.latchkey.domain.connection.ConnectionId.random(),
                java.net.URI.create("https://api.stripe.com"), List.of(java.net.InetAddress.getLoopbackAddress()), Map.of(), Map.of());
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger preparations = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<ProxyTarget> slow = () -> {
            preparations.incrementAndGet();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return target;
        };
        java.util.concurrent.ConcurrentLinkedQueue<ProxyTarget> results = new java.util.concurrent.ConcurrentLinkedQueue<>();
        List<Thread> threads = new java.util.ArrayList<>();
        threads.add(Thread.ofPlatform().start(() -> results.add(remembered.once(key, slow))));
        started.await();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().start(() -> results.add(remembered.once(key, slow))));
        }
        // every follower is parked waiting for the leader's result before the leader may finish
        while (threads.stream().anyMatch(t -> t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING)) {
            Thread.onSpinWait();
        }
        release.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(preparations).hasValue(1);
        assertThat(results).hasSize(9).containsOnly(target);

        // a failure is shared the same way, and the next miss prepares afresh
        assertThatThrownBy(() -> remembered.once(key, () -> {
            throw new NotFoundException("linked_account_not_found", "gone");
        })).isInstanceOf(NotFoundException.class);
        assertThat(remembered.once(key, () -> target)).isSameAs(target);
    }

    private Connection slackToken(String value, Optional<Instant> expiresAt) {
        AccessToken token = new AccessToken(value, Optional.of("r1"), expiresAt, "Bearer", List.of());
        Connection connection = Connection.create(workspace, account.key(), SLACK, "oauth2", Optional.empty(), List.of(), Map.of(),
                Map.of(), Credentials.ofToken(token), T0);
        here.insert(connection);
        return connection;
    }

    @Test
    void a_401_for_a_token_replaced_meanwhile_is_replayed_with_the_stored_token_without_a_second_refresh() {
        remembered = new PrepareProxyRequestService.RememberedTargets(Duration.ZERO, 100, clock); // every replay reads the database
        here = remembered.watching(database);
        service = service();
        slackToken("old", Optional.of(T0.plus(Duration.ofHours(1))));
        oauth.answering(new AccessToken("new", Optional.of("r2"), Optional.of(T0.plus(Duration.ofHours(2))), "Bearer", List.of()))
                .answering(new AccessToken("second", Optional.of("r3"), Optional.of(T0.plus(Duration.ofHours(2))), "Bearer", List.of()));
        ProxyTarget signedWithOld = service.prepare(call(SLACK));

        // Two requests carried "old" and got 401; the second is replayed after the first one's refresh.
        assertThat(authorization(service.prepare(call(SLACK).rejecting(signedWithOld)))).isEqualTo("Bearer new");
        assertThat(authorization(service.prepare(call(SLACK).rejecting(signedWithOld)))).isEqualTo("Bearer new");

        assertThat(oauth.refreshes()).isEqualTo(1);
        assertThat(oauth.refreshedCredentials()).extracting(c -> c.token().orElseThrow().refreshToken().orElseThrow()).containsExactly("r1");
    }

    @Test
    void a_burst_of_401s_for_one_token_refreshes_it_once() throws Exception {
        slackToken("old", Optional.of(T0.plus(Duration.ofHours(1))));
        CountDownLatch release = new CountDownLatch(1);
        oauth.holdingUntil(release)
                .answering(new AccessToken("new", Optional.of("r2"), Optional.of(T0.plus(Duration.ofHours(2))), "Bearer", List.of()))
                .answering(new AccessToken("second", Optional.of("r3"), Optional.of(T0.plus(Duration.ofHours(2))), "Bearer", List.of()));
        ProxyTarget signedWithOld = service.prepare(call(SLACK));
        int requests = 16;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<ProxyTarget>> replays = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                replays.add(pool.submit(() -> service.prepare(call(SLACK).rejecting(signedWithOld))));
            }
            assertThat(oauth.awaitRefreshStarted()).isTrue();
            release.countDown();
            for (Future<ProxyTarget> replay : replays) {
                assertThat(authorization(replay.get(30, TimeUnit.SECONDS))).isEqualTo("Bearer new");
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(oauth.refreshes()).isEqualTo(1);
    }

    @Test
    void a_remembered_target_outlives_its_lifetime_while_the_database_is_unreachable_but_never_its_token() {
        UnreachableDatabase db = new UnreachableDatabase();
        here = remembered.watching(db.behind(ConnectionStorePort.class, database));
        service = new PrepareProxyRequestService(db.behind(LinkedAccountStorePort.class, accounts), here, directory,
                new RefreshTokenService(here, accounts, directory, schemes, new InMemoryEventOutbox(transactions), transactions, clock),
                new ScriptedProviderHttp(), schemes, remembered, Runnable::run);
        Instant expiry = T0.plus(Duration.ofHours(1));
        slackToken("valid", Optional.of(expiry));
        ProxyTarget prepared = service.prepare(call(SLACK));

        db.down();
        clock.advance(LIFETIME.multipliedBy(3));
        assertThat(service.prepare(call(SLACK))).isEqualTo(prepared);
        // The next requests find it remembered again, without trying the database (no I/O: the event loop's path).
        assertThat(service.remembered(call(SLACK))).contains(prepared);
        // Past the refresh margin (5 minutes before the expiry): it cannot be refreshed now, and it is still valid.
        clock.set(expiry.minus(Duration.ofMinutes(1)));
        assertThat(service.prepare(call(SLACK))).isEqualTo(prepared);
        // Never past the token's expiry.
        clock.set(expiry);
        assertThat(service.remembered(call(SLACK))).isEmpty();
        assertThatThrownBy(() -> service.prepare(call(SLACK))).isInstanceOf(DatabaseUnavailableException.class);
    }

    @Test
    void while_the_database_is_unreachable_the_background_renewal_keeps_a_busy_target_in_use() {
        UnreachableDatabase db = new UnreachableDatabase();
        here = remembered.watching(db.behind(ConnectionStorePort.class, database));
        service = new PrepareProxyRequestService(db.behind(LinkedAccountStorePort.class, accounts), here, directory,
                new RefreshTokenService(here, accounts, directory, schemes, new InMemoryEventOutbox(transactions), transactions, clock),
                new ScriptedProviderHttp(), schemes, remembered, Runnable::run);
        stripeKey("sk_test_1");
        ProxyTarget prepared = service.prepare(call(STRIPE));

        db.down();
        Duration step = LIFETIME.multipliedBy(3).dividedBy(8);
        for (int i = 1; i <= 10; i++) {
            clock.advance(step);
            // found in the last quarter: renewed in the background, which fails, and keeps it one lifetime more
            assertThat(service.remembered(call(STRIPE))).as("after %s", step.multipliedBy(i)).contains(prepared);
        }
        db.up();
        clock.advance(LIFETIME);
        assertThat(service.prepare(call(STRIPE))).isEqualTo(prepared);
    }

    @Test
    void an_outage_never_brings_back_a_target_changed_here() {
        UnreachableDatabase db = new UnreachableDatabase();
        here = remembered.watching(db.behind(ConnectionStorePort.class, database));
        service = new PrepareProxyRequestService(db.behind(LinkedAccountStorePort.class, accounts), here, directory,
                new RefreshTokenService(here, accounts, directory, schemes, new InMemoryEventOutbox(transactions), transactions, clock),
                new ScriptedProviderHttp(), schemes, remembered, Runnable::run);
        Connection connection = stripeKey("sk_test_1");
        service.prepare(call(STRIPE));
        here.delete(workspace, connection.id());

        db.down();
        clock.advance(LIFETIME);
        assertThatThrownBy(() -> service.prepare(call(STRIPE))).isInstanceOf(DatabaseUnavailableException.class);
    }
}
