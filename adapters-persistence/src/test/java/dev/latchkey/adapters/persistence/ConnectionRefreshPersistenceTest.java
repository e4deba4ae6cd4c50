package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.connection.ConnectionPersistenceAdapter;
import dev.latchkey.adapters.persistence.transaction.TransactionPersistenceAdapter;
import dev.latchkey.application.port.out.RowLockTimeoutException;
import dev.latchkey.application.port.out.ConnectionStorePort.Due;
import dev.latchkey.application.port.out.ConnectionStorePort.RefreshSchedule;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.connection.Connection;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.credential.AccessToken;
import dev.latchkey.domain.credential.Credentials;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@MicronautTest(startApplication = false, transactional = false)
class ConnectionRefreshPersistenceTest extends EncryptedPersistenceTest {
    @Inject
    ConnectionPersistenceAdapter connections;
    @Inject
    TransactionPersistenceAdapter transactions;

    private Connection oauth(WorkspaceId ws, LinkedAccount account, Optional<Instant> expiresAt) {
        Connection c = Connection.create(ws, account.key(), new ConnectorSlug("slack"), "oauth2", Optional.empty(), List.of(), Map.of(),
                Map.of(), Credentials.ofToken(new AccessToken("at", Optional.of("rt"), expiresAt, "Bearer", List.of())), NOW);
        connections.insert(c);
        return c;
    }

    private Optional<Instant> storedExpiry(ConnectionId id) throws SQLException {
        try (java.sql.Connection db = jdbc();
             PreparedStatement st = db.prepareStatement("SELECT token_expires_at FROM connections WHERE id = ?")) {
            st.setObject(1, id.value());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant);
            }
        }
    }

    @Test
    void the_token_expiry_is_mirrored_in_clear_on_insert_and_update() throws Exception {
        WorkspaceId ws = newWorkspace();
        Connection c = oauth(ws, newAccount(ws), Optional.of(NOW.plusSeconds(3600)));
        assertThat(storedExpiry(c.id())).contains(NOW.plusSeconds(3600).truncatedTo(ChronoUnit.MICROS));

        connections.update(c.refreshed(new AccessToken("at2", Optional.empty(), Optional.of(NOW.plusSeconds(7200)), "Bearer", List.of()),
                NOW));
        assertThat(storedExpiry(c.id())).contains(NOW.plusSeconds(7200).truncatedTo(ChronoUnit.MICROS));

        connections.update(c.refreshed(new AccessToken("at3", Optional.empty(), Optional.empty(), "Bearer", List.of()), NOW));
        assertThat(storedExpiry(c.id())).isEmpty();
    }

    @Test
    void a_schedule_is_kept_until_the_next_update() {
        WorkspaceId ws = newWorkspace();
        Connection c = oauth(ws, newAccount(ws), Optional.of(NOW.plus(Duration.ofDays(3650))));
        RefreshSchedule backoff = new RefreshSchedule(2, Optional.of(NOW.plusSeconds(120)));

        connections.scheduleRefresh(ws, c.id(), backoff);
        assertThat(connections.refreshSchedule(ws, c.id())).isEqualTo(backoff);

        connections.update(c.refreshFailed("HTTP 503", NOW));
        assertThat(connections.refreshSchedule(ws, c.id())).isEqualTo(RefreshSchedule.NONE);
    }

    @Test
    void lock_for_update_makes_a_second_transaction_wait_then_read_what_the_first_committed() throws Exception {
        WorkspaceId ws = newWorkspace();
        Connection c = oauth(ws, newAccount(ws), Optional.of(NOW));
        CountDownLatch firstLocked = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch secondLocked = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> transactions.inTransaction(() -> {
                Connection locked = connections.lockForUpdate(ws, c.id(), Duration.ofSeconds(30)).orElseThrow();
                firstLocked.countDown();
                await(releaseFirst);
                connections.update(locked.refreshed(new AccessToken("winner", Optional.empty(), Optional.empty(), "Bearer", List.of()), NOW));
            }));
            assertThat(firstLocked.await(10, TimeUnit.SECONDS)).isTrue();
            Future<String> second = pool.submit(() -> transactions.inTransaction(() -> {
                Connection locked = connections.lockForUpdate(ws, c.id(), Duration.ofSeconds(30)).orElseThrow();
                secondLocked.countDown();
                return locked.credentials().token().orElseThrow().value();
            }));

            assertThat(secondLocked.await(500, TimeUnit.MILLISECONDS)).as("the second locker waits").isFalse();
            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("winner");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_lock_held_longer_than_the_wait_is_a_row_lock_timeout_and_the_row_is_unchanged() throws Exception {
        WorkspaceId ws = newWorkspace();
        Connection c = oauth(ws, newAccount(ws), Optional.of(NOW));
        CountDownLatch firstLocked = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> transactions.inTransaction(() -> {
                connections.lockForUpdate(ws, c.id(), Duration.ofSeconds(30)).orElseThrow();
                firstLocked.countDown();
                await(releaseFirst);
            }));
            assertThat(firstLocked.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Throwable> second = pool.submit(() -> catchThrowable(() -> transactions.inTransaction(
                    () -> connections.lockForUpdate(ws, c.id(), Duration.ofMillis(200)))));

            assertThat(second.get(30, TimeUnit.SECONDS)).isInstanceOf(RowLockTimeoutException.class)
                    .hasMessageContaining(c.id().toString());
            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            // The connection's next transaction waits as long as it says (the timeout was local to the one that ran out).
            assertThat(transactions.inTransaction(() -> connections.lockForUpdate(ws, c.id(), Duration.ofSeconds(30)))).isPresent();
        } finally {
            releaseFirst.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void claimers_running_at_once_get_disjoint_due_rows_and_leased_rows_are_not_claimed_again() throws Exception {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Set<ConnectionId> due = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            due.add(oauth(ws, account, Optional.of(now.plusSeconds(60 + i))).id());
        }
        Connection later = oauth(ws, account, Optional.of(now.plus(Duration.ofHours(2))));
        Connection noExpiry = oauth(ws, account, Optional.empty());
        Connection backingOff = oauth(ws, account, Optional.of(now.minusSeconds(5)));
        connections.scheduleRefresh(ws, backingOff.id(), new RefreshSchedule(1, Optional.of(now.plusSeconds(60))));
        Connection retryDue = oauth(ws, account, Optional.empty());
        connections.scheduleRefresh(ws, retryDue.id(), new RefreshSchedule(3, Optional.of(now.minusSeconds(1))));
        Connection expired = oauth(ws, account, Optional.of(now));
        connections.update(expired.expired("invalid_grant", now));
        due.add(retryDue.id());

        Instant before = now.plus(Duration.ofMinutes(10));
        Instant lease = now.plus(Duration.ofMinutes(2));
        CountDownLatch bothClaimed = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<Due>>> claims = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                claims.add(pool.submit(() -> transactions.inTransaction(() -> {
                    List<Due> mine = connections.claimDueForRefresh(now, before, lease, 4);
                    bothClaimed.countDown();
                    await(bothClaimed); // both hold their locks at once
                    return mine;
                })));
            }
            List<Due> a = claims.get(0).get(20, TimeUnit.SECONDS);
            List<Due> b = claims.get(1).get(20, TimeUnit.SECONDS);
            Set<ConnectionId> idsA = a.stream().map(Due::id).collect(Collectors.toSet());
            Set<ConnectionId> idsB = b.stream().map(Due::id).collect(Collectors.toSet());
            assertThat(idsA).doesNotContainAnyElementsOf(idsB);
            assertThat(List.of(idsA.size(), idsB.size())).containsExactlyInAnyOrder(4, 3);
            Set<ConnectionId> all = new HashSet<>(idsA);
            all.addAll(idsB);
            assertThat(all).isEqualTo(due);
            assertThat(a).allSatisfy(d -> assertThat(d.workspaceId()).isEqualTo(ws));
        } finally {
            pool.shutdownNow();
        }
        assertThat(transactions.inTransaction(() -> connections.claimDueForRefresh(now, before, lease, 10))).isEmpty();
        assertThat(connections.refreshSchedule(ws, retryDue.id())).isEqualTo(new RefreshSchedule(3, Optional.of(lease)));
        assertThat(transactions.inTransaction(() -> connections.claimDueForRefresh(lease, before, lease.plusSeconds(120), 20)))
                .extracting(Due::id).containsAll(due).contains(backingOff.id()).doesNotContain(later.id(), noExpiry.id(), expired.id());
    }

    @Test
    void claims_given_back_on_a_stop_are_due_at_once_failures_kept_unless_their_schedule_changed_meanwhile() {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        // Real time, as the other claim tests use (claims span workspaces); nanoseconds, which PostgreSQL does not keep.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS).plusNanos(789);
        Connection expiring = oauth(ws, account, Optional.of(now.plusSeconds(60)));
        Connection retrying = oauth(ws, account, Optional.empty());
        connections.scheduleRefresh(ws, retrying.id(), new RefreshSchedule(2, Optional.of(now.minusSeconds(1))));
        Connection failedMeanwhile = oauth(ws, account, Optional.of(now.plusSeconds(90)));
        Instant lease = now.plus(Duration.ofMinutes(2));
        List<Due> claimed = transactions.inTransaction(() -> connections.claimDueForRefresh(now, now.plus(Duration.ofMinutes(10)), lease, 100))
                .stream().filter(due -> due.workspaceId().equals(ws)).toList();
        assertThat(claimed).hasSize(3);
        RefreshSchedule backoff = new RefreshSchedule(1, Optional.of(now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MICROS)));
        connections.scheduleRefresh(ws, failedMeanwhile.id(), backoff); // a request's refresh failed: its backoff stands

        Instant stop = now.plusSeconds(5).truncatedTo(ChronoUnit.MICROS);
        transactions.inTransaction(() -> connections.releaseRefreshClaims(claimed, lease, stop));

        assertThat(connections.refreshSchedule(ws, expiring.id())).isEqualTo(new RefreshSchedule(0, Optional.of(stop)));
        assertThat(connections.refreshSchedule(ws, retrying.id())).isEqualTo(new RefreshSchedule(2, Optional.of(stop)));
        assertThat(connections.refreshSchedule(ws, failedMeanwhile.id())).isEqualTo(backoff);
        assertThat(transactions.inTransaction(() -> connections.claimDueForRefresh(stop, stop, stop.plusSeconds(120), 100)))
                .extracting(Due::id).contains(expiring.id(), retrying.id()).doesNotContain(failedMeanwhile.id());
    }

    @Test
    void a_connection_whose_keep_alive_has_come_is_claimed_whatever_its_token_expiry_and_not_before() {
        WorkspaceId ws = newWorkspace();
        LinkedAccount account = newAccount(ws);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Connection idle = oauth(ws, account, Optional.empty()); // a token that never expires, a refresh token the provider revokes when idle
        Connection notYet = oauth(ws, account, Optional.of(now.plus(Duration.ofDays(1))));
        Connection cleared = oauth(ws, account, Optional.empty());
        connections.keepAliveBy(ws, idle.id(), Optional.of(now.minusSeconds(1)));
        connections.keepAliveBy(ws, notYet.id(), Optional.of(now.plus(Duration.ofDays(30))));
        connections.keepAliveBy(ws, cleared.id(), Optional.of(now.minusSeconds(1)));
        connections.keepAliveBy(ws, cleared.id(), Optional.empty());
        connections.update(idle.refreshFailed("HTTP 503", now)); // an update keeps the keep-alive

        Instant lease = now.plus(Duration.ofMinutes(2));
        List<Due> claimed = transactions.inTransaction(() -> connections.claimDueForRefresh(now, now.plus(Duration.ofMinutes(10)), lease, 100))
                .stream().filter(due -> due.workspaceId().equals(ws)).toList();

        assertThat(claimed).extracting(Due::id).containsExactly(idle.id());
        assertThat(connections.refreshSchedule(ws, idle.id())).isEqualTo(new RefreshSchedule(0, Optional.of(lease)));
        assertThat(transactions.inTransaction(() -> connections.claimDueForRefresh(now, now.plus(Duration.ofMinutes(10)), lease, 100)))
                .extracting(Due::id).doesNotContain(idle.id(), notYet.id(), cleared.id());
    }

    @Test
    void the_keep_alive_claim_is_an_index_scan() throws SQLException {
        try (java.sql.Connection db = jdbc(); java.sql.Statement st = db.createStatement()) {
            st.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = st.executeQuery("""
                    EXPLAIN SELECT * FROM connections WHERE status = 'active' AND next_refresh_at IS NULL AND keep_alive_at <= now()""")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("connections_refresh_by_keep_alive");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
