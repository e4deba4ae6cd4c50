package dev.latchkey.application.service;

import dev.latchkey.application.fakes.FakeKeyScheme;
import dev.latchkey.application.fakes.FixedConnectorCatalog;
import dev.latchkey.application.fakes.InMemoryConnectionStore;
import dev.latchkey.application.fakes.InMemoryConnectorSettingsStore;
import dev.latchkey.application.fakes.InMemoryEventOutbox;
import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.InMemoryPrivateConnectorStore;
import dev.latchkey.application.fakes.InMemoryTransactions;
import dev.latchkey.application.fakes.RecordingTracer;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.fakes.ScriptedRefreshScheme;
import dev.latchkey.application.port.in.RequestIds;
import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ConnectionStorePort.RefreshSchedule;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ConnectionStatus;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connection.RefreshInProgressException;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.credential.TokenFingerprint;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.latchkey.application.fakes.TestConnectors.notionSource;
import static dev.latchkey.application.fakes.TestConnectors.read;
import static dev.latchkey.application.fakes.TestConnectors.slackSource;
import static dev.latchkey.application.fakes.TestConnectors.stripeSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RefreshTokenServiceTest {
    private static final Instant T0 = Instant.parse("2025-05-01T12:00:00Z");
    private static final ConnectorSlug SLACK = new ConnectorSlug("slack");
    private static final ConnectorSlug NOTION = new ConnectorSlug("notion");
    /** The provider answered 401 to the token "old". */
    private static final TokenFingerprint OLD = TokenFingerprint.of("old");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    private final InMemoryConnectionStore connections = new InMemoryConnectionStore(transactions);
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(transactions);
    private final ScriptedRefreshScheme oauth = new ScriptedRefreshScheme();
    private final FakeKeyScheme keys = new FakeKeyScheme();
    private final List<AuthSchemePort> schemes = List.of(oauth, keys);
    private final ConnectorServices directory = new ConnectorServices(
            FixedConnectorCatalog.of(read(slackSource()), read(stripeSource()), read(notionWithMargin(Duration.ofMinutes(30)))),
            new InMemoryPrivateConnectorStore(), new InMemoryConnectorSettingsStore(), schemes, false);
    private final RefreshTokenService service = new RefreshTokenService(connections, accounts, directory, schemes, outbox, transactions, clock);
    private final WorkspaceId workspace = WorkspaceId.random();
    private LinkedAccount account;

    @BeforeEach
    void setUp() {
        account = LinkedAccount.create(workspace, new LinkedAccountId("cust-42"), Optional.empty(), Metadata.EMPTY, T0);
        accounts.insert(account);
    }

    private static Map<String, Object> notionWithMargin(Duration margin) {
        Map<String, Object> source = new HashMap<>(notionSource());
        @SuppressWarnings("unchecked")
        Map<String, Object> auth = new HashMap<>(((List<Map<String, Object>>) source.get("auth")).get(0));
        auth.put("refresh_margin_seconds", margin.toSeconds());
        source.put("auth", List.of(auth));
        return source;
    }

    private static AccessToken token(String value, Optional<String> refreshToken, Optional<Instant> expiresAt) {
        return new AccessToken(value, refreshToken, expiresAt, "Bearer", List.of("read"));
    }

    private Connection connection(ConnectorSlug connector, AccessToken token) {
        Connection c = Connection.create(workspace, account.key(), connector, "oauth2", Optional.empty(), List.of("read"), Map.of(),
                Map.of(), Credentials.ofToken(token), T0);
        connections.insert(c);
        return c;
    }

    private Connection expiringIn(Duration d) {
        return connection(SLACK, token("old", Optional.of("r1"), Optional.of(clock.instant().plus(d))));
    }

    private AccessToken accessToken(ConnectionId id) {
        return connections.find(workspace, id).orElseThrow().credentials().token().orElseThrow();
    }

    @Test
    void a_token_outside_the_margin_is_returned_without_calling_the_provider() {
        Connection c = expiringIn(Duration.ofMinutes(6));
        oauth.answering(token("new", Optional.empty(), Optional.of(T0.plusSeconds(3600))));

        Connection fresh = service.fresh(workspace, c.id());

        assertThat(fresh.credentials().token().orElseThrow().value()).isEqualTo("old");
        assertThat(oauth.refreshes()).isZero();
    }

    @Test
    void a_token_inside_the_default_margin_of_5_minutes_is_refreshed_and_stored() {
        Connection c = expiringIn(Duration.ofMinutes(4));
        oauth.answering(token("new", Optional.empty(), Optional.of(T0.plusSeconds(3600))));

        Connection fresh = service.fresh(workspace, c.id());

        assertThat(fresh.credentials().token().orElseThrow().value()).isEqualTo("new");
        assertThat(accessToken(c.id()).value()).isEqualTo("new");
        assertThat(accessToken(c.id()).expiresAt()).contains(T0.plusSeconds(3600));
        assertThat(connections.find(workspace, c.id()).orElseThrow().lastRefreshedAt()).contains(T0);
        assertThat(outbox.events()).isEmpty();
    }

    @Test
    void the_connectors_own_margin_is_used() {
        Connection c = connection(NOTION, token("old", Optional.of("r1"), Optional.of(T0.plus(Duration.ofMinutes(20)))));
        oauth.answering(token("new", Optional.empty(), Optional.of(T0.plusSeconds(3600))));

        assertThat(service.fresh(workspace, c.id()).credentials().token().orElseThrow().value()).isEqualTo("new");
    }

    @Test
    void a_rotated_refresh_token_is_saved() {
        Connection c = expiringIn(Duration.ofMinutes(1));
        oauth.answering(token("new", Optional.of("r2"), Optional.of(T0.plusSeconds(3600))));

        service.fresh(workspace, c.id());

        assertThat(accessToken(c.id()).refreshToken()).contains("r2");
    }

    @Test
    void a_refresh_without_a_refresh_token_keeps_the_old_one() {
        Connection c = expiringIn(Duration.ofMinutes(1));
        oauth.answering(token("new", Optional.empty(), Optional.of(T0.plusSeconds(3600))));

        service.fresh(workspace, c.id());

        assertThat(accessToken(c.id()).refreshToken()).contains("r1");
        assertThat(accessToken(c.id()).value()).isEqualTo("new");
    }

    @Test
    void a_token_without_expiry_is_never_refreshed_until_the_provider_rejects_it() {
        Connection c = connection(SLACK, token("old", Optional.of("r1"), Optional.empty()));
        oauth.answering(token("new", Optional.empty(), Optional.empty()));
        clock.advance(Duration.ofDays(400));

        assertThat(service.fresh(workspace, c.id()).credentials().token().orElseThrow().value()).isEqualTo("old");
        assertThat(oauth.refreshes()).isZero();

        assertThat(service.replacing(workspace, c.id(), OLD).credentials().token().orElseThrow().value()).isEqualTo("new");
        assertThat(oauth.refreshes()).isEqualTo(1);
    }

    @Test
    void invalid_grant_expires_the_connection_stores_the_reason_and_appends_connection_expired() {
        Connection c = expiringIn(Duration.ofMinutes(1));
        oauth.failing(ProviderException.rejected("invalid_grant", "Slack refused the token refresh (invalid_grant)"));

        ConflictException e = catchThrowableOfType(ConflictException.class, () -> service.fresh(workspace, c.id()));

        assertThat(e.code()).isEqualTo("connection_expired");
        assertThat(e.getMessage()).contains("must connect slack again");
        Connection stored = connections.find(workspace, c.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ConnectionStatus.EXPIRED);
        assertThat(stored.lastError()).contains("Slack refused the token refresh (invalid_grant)");
        assertThat(transactions.committed()).isEqualTo(1);
        assertThat(outbox.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(Event.CONNECTION_EXPIRED);
            assertThat(event.workspaceId()).isEqualTo(workspace);
            assertThat(event.data()).containsEntry("linked_account_id", "cust-42").containsEntry("connector", "slack")
                    .containsEntry("connection_id", c.id().toString()).containsEntry("reason", "Slack refused the token refresh (invalid_grant)");
        });
    }

    @Test
    void each_call_to_the_token_endpoint_is_a_span_that_says_how_it_ended_and_never_says_a_token() throws Exception {
        RecordingTracer tracer = new RecordingTracer();
        RefreshTokenService traced = new RefreshTokenService(connections, accounts, directory, schemes, outbox, transactions, clock,
                RefreshTokenService.DEFAULT_WAIT, recorded -> {
        }, tracer);
        Connection refreshed = expiringIn(Duration.ofMinutes(1));
        Connection refused = expiringIn(Duration.ofMinutes(1));
        oauth.answering(token("new-secret-token", Optional.empty(), Optional.of(T0.plusSeconds(3600))));
        RequestIds.within("req-7", () -> traced.fresh(workspace, refreshed.id()));
        oauth.failing(ProviderException.rejected("invalid_grant", "Slack refused the token refresh (invalid_grant)"));
        catchThrowableOfType(ConflictException.class, () -> traced.fresh(workspace, refused.id()));
        traced.fresh(workspace, expiringIn(Duration.ofHours(1)).id()); // fresh enough: no call, no span

        assertThat(tracer.spans()).hasSize(2).allSatisfy(span -> {
            assertThat(span.name()).isEqualTo("refresh");
            assertThat(span.closed()).isTrue();
            assertThat(span.attributes()).containsEntry("latchkey.connector", "slack");
            assertThat(span.attributes().toString()).doesNotContain("secret").doesNotContain("old").doesNotContain("r1");
        });
        assertThat(tracer.spans().get(0).attributes()).containsEntry("latchkey.request_id", "req-7")
                .containsEntry("latchkey.connection_id", refreshed.id().toString());
        assertThat(tracer.spans().get(0).failure()).isEmpty();
        assertThat(tracer.spans().get(1).attributes()).doesNotContainKey("latchkey.request_id");
        assertThat(tracer.spans().get(1).failure()).contains("refresh_rejected");
    }

    @Test
    void a_refused_refresh_is_recorded_with_the_provider_s_words_not_only_its_error_code() {
        List<dev.latchkey.domain.activity.Activity> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();
        RefreshTokenService recording = new RefreshTokenService(connections, accounts, directory, schemes, outbox, transactions, clock,
                RefreshTokenService.DEFAULT_WAIT, recorded::add);
        Connection refused = expiringIn(Duration.ofMinutes(1));
        oauth.failing(ProviderException.rejected("invalid_grant", "Slack refused the token refresh (invalid_grant): token revoked by the user"));

        catchThrowableOfType(ConflictException.class, () -> recording.fresh(workspace, refused.id()));

        assertThat(recorded).singleElement().satisfies(activity -> {
            assertThat(activity.problemCode()).contains("refresh_rejected");
            assertThat(activity.error()).contains("Slack refused the token refresh (invalid_grant): token revoked by the user");
        });
    }

    @Test
    void an_expired_connection_is_connection_expired_without_calling_the_provider() {
        Connection c = expiringIn(Duration.ofMinutes(1));
        connections.update(c.expired("invalid_grant", T0));

        ConflictException e = catchThrowableOfType(ConflictException.class, () -> service.fresh(workspace, c.id()));

        assertThat(e.code()).isEqualTo("connection_expired");
        assertThat(oauth.refreshes()).isZero();
    }

    @Test
    void an_unknown_or_foreign_connection_is_not_found() {
        Connection c = expiringIn(Duration.ofMinutes(1));

        assertThat(catchThrowableOfType(NotFoundException.class, () -> service.fresh(workspace, ConnectionId.random())).code())
                .isEqualTo("connection_not_found");
        assertThat(catchThrowableOfType(NotFoundException.class, () -> service.fresh(WorkspaceId.random(), c.id())).code())
                .isEqualTo("connection_not_found");
    }

    @Test
    void a_provider_outage_keeps_the_connection_active_records_the_error_and_backs_off_without_an_event() {
        Connection c = expiringIn(Duration.ofMinutes(2));
        oauth.failing(ProviderException.unavailable("Slack could not answer the token request (HTTP 503); try again later"));

        Connection stillValid = service.fresh(workspace, c.id());

        assertThat(stillValid.credentials().token().orElseThrow().value()).isEqualTo("old");
        Connection stored = connections.find(workspace, c.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(stored.lastError()).hasValueSatisfying(error -> assertThat(error).contains("HTTP 503"));
        assertThat(connections.schedule(c.id())).isEqualTo(new RefreshSchedule(1, Optional.of(T0.plus(Duration.ofMinutes(1)))));
        assertThat(outbox.events()).isEmpty();

        // Within the backoff nobody calls the provider again.
        service.fresh(workspace, c.id());
        assertThat(oauth.refreshes()).isEqualTo(1);
    }

    @Test
    void a_provider_outage_after_expiry_is_unavailable_and_the_backoff_doubles_up_to_an_hour() {
        Connection c = expiringIn(Duration.ofSeconds(-10));
        for (int i = 0; i < 8; i++) {
            oauth.failing(ProviderException.unavailable("Slack could not answer (HTTP 503)"));
        }
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> service.fresh(workspace, c.id()));
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);
            RefreshSchedule schedule = connections.schedule(c.id());
            delays.add(Duration.between(clock.instant(), schedule.at().orElseThrow()));
            clock.set(schedule.at().orElseThrow());
        }
        assertThat(delays).extracting(Duration::toMinutes).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);
        assertThat(connections.find(workspace, c.id()).orElseThrow().status()).isEqualTo(ConnectionStatus.ACTIVE);
    }

    @Test
    void a_retry_after_hint_longer_than_the_backoff_is_honoured() {
        Connection c = expiringIn(Duration.ofMinutes(2));
        oauth.failing(ProviderException.unavailable("rate limited (HTTP 429)", Duration.ofMinutes(10)));

        service.fresh(workspace, c.id());

        assertThat(connections.schedule(c.id()).at()).contains(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void success_after_failures_clears_the_error_and_appends_connection_recovered() {
        Connection c = expiringIn(Duration.ofMinutes(2));
        oauth.failing(ProviderException.unavailable("HTTP 503"));
        oauth.answering(token("new", Optional.empty(), Optional.of(T0.plusSeconds(7200))));
        service.fresh(workspace, c.id());
        clock.advance(Duration.ofMinutes(1));

        Connection fresh = service.fresh(workspace, c.id());

        assertThat(fresh.credentials().token().orElseThrow().value()).isEqualTo("new");
        assertThat(fresh.lastError()).isEmpty();
        assertThat(connections.schedule(c.id())).isEqualTo(RefreshSchedule.NONE);
        assertThat(outbox.events()).extracting(Event::type).containsExactly(Event.CONNECTION_RECOVERED);
    }

    @Test
    void key_based_connections_are_returned_as_they_are() {
        Connection c = Connection.create(workspace, account.key(), new ConnectorSlug("stripe"), "api_key", Optional.empty(), List.of(),
                Map.of(), Map.of(), Credentials.ofFields(Map.of("api_key", "sk_test_1")), T0);
        connections.insert(c);

        assertThat(service.replacing(workspace, c.id(), OLD)).isEqualTo(c);
        assertThat(keys.calls()).isEmpty();
    }

    @Test
    void refresh_is_done_once_when_many_requests_race() throws Exception {
        Connection c = expiringIn(Duration.ofSeconds(-1));
        oauth.pausing(100).answering(token("new", Optional.empty(), Optional.of(T0.plusSeconds(3600))))
                .answering(token("second", Optional.empty(), Optional.of(T0.plusSeconds(3600))));
        int racers = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<String> call = () -> {
                    start.await();
                    return service.fresh(workspace, c.id()).credentials().token().orElseThrow().value();
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("new");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(oauth.refreshes()).isEqualTo(1);
    }

    @Test
    void forced_refreshes_racing_on_the_same_rejected_token_refresh_once() throws Exception {
        Connection c = connection(SLACK, token("old", Optional.of("r1"), Optional.empty()));
        oauth.pausing(100).answering(token("new", Optional.empty(), Optional.empty()))
                .answering(token("second", Optional.empty(), Optional.empty()));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return service.replacing(workspace, c.id(), OLD).credentials().token().orElseThrow().value();
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("new");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(oauth.refreshes()).isEqualTo(1);
    }

    @Test
    void a_401_for_a_token_another_request_already_replaced_returns_the_stored_token_without_refreshing() {
        Connection c = connection(SLACK, token("old", Optional.of("r1"), Optional.of(T0.plusSeconds(3600))));
        oauth.answering(token("new", Optional.of("r2"), Optional.of(T0.plusSeconds(3600))))
                .answering(token("second", Optional.of("r3"), Optional.of(T0.plusSeconds(3600))));
        // The first 401 for "old" refreshes it.
        assertThat(service.replacing(workspace, c.id(), OLD).credentials().token().orElseThrow().value()).isEqualTo("new");

        // A request that also carried "old" reads the connection only now — after the refresh: it must not refresh "new".
        Connection readAfterTheRefresh = connections.find(workspace, c.id()).orElseThrow();
        Connection answer = service.replacing(readAfterTheRefresh, OLD);

        assertThat(answer.credentials().token().orElseThrow().value()).isEqualTo("new");
        assertThat(oauth.refreshes()).isEqualTo(1);
        assertThat(accessToken(c.id()).refreshToken()).contains("r2");
    }

    @Test
    void a_401_for_the_stored_token_refreshes_it_even_long_before_its_expiry() {
        Connection c = connection(SLACK, token("old", Optional.of("r1"), Optional.of(T0.plusSeconds(3600))));
        oauth.answering(token("new", Optional.empty(), Optional.of(T0.plusSeconds(7200))));

        assertThat(service.replacing(c, OLD).credentials().token().orElseThrow().value()).isEqualTo("new");
        assertThat(oauth.refreshes()).isEqualTo(1);
    }

    @Test
    void a_request_waits_for_another_s_hung_refresh_a_bounded_time_then_is_told_to_try_again() throws Exception {
        RefreshTokenService impatient = new RefreshTokenService(connections, accounts, directory, schemes, outbox, transactions, clock,
                Duration.ofMillis(200));
        Connection c = expiringIn(Duration.ofSeconds(-1));
        CountDownLatch release = new CountDownLatch(1);
        oauth.holdingUntil(release).answering(token("new", Optional.empty(), Optional.of(T0.plusSeconds(3600))));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Connection> refreshing = pool.submit(() -> impatient.fresh(workspace, c.id()));
            assertThat(oauth.awaitRefreshStarted()).isTrue();

            Future<Throwable> waiting = pool.submit(
                    () -> catchThrowableOfType(RefreshInProgressException.class, () -> impatient.fresh(workspace, c.id())));
            RefreshInProgressException e = (RefreshInProgressException) waiting.get(30, TimeUnit.SECONDS);

            assertThat(e).isNotNull();
            assertThat(e.retryAfter()).isPositive();
            assertThat(e.getMessage()).contains("try again in");
            release.countDown();
            assertThat(refreshing.get(30, TimeUnit.SECONDS).credentials().token().orElseThrow().value()).isEqualTo("new");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(oauth.refreshes()).isEqualTo(1);
    }
}
