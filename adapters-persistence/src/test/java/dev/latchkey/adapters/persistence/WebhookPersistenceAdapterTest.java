package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.crypto.CredentialCipher;
import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.adapters.persistence.webhook.WebhookPersistenceAdapter;
import dev.latchkey.application.port.out.WebhookDeliveryStorePort.Claimed;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.webhook.WebhookDelivery;
import dev.latchkey.domain.webhook.WebhookDelivery.Status;
import dev.latchkey.domain.webhook.WebhookDeliveryId;
import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.webhook.WebhookSecret;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook outbox, endpoints and deliveries on real PostgreSQL: fan-out, claims under lease, and the sealed secret. */
@MicronautTest(startApplication = false, transactional = false)
class WebhookPersistenceAdapterTest extends EncryptedPersistenceTest {
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Inject
    JsonColumns json;
    @Inject
    TransactionOperations<Connection> transactions;

    private WebhookPersistenceAdapter webhooks;

    @BeforeEach
    void freshTables() throws Exception {
        webhooks = new WebhookPersistenceAdapter(transactions, new CredentialCipher(keys(keyEntry)), json);
        // claims look at every workspace: start each test without anyone else's deliveries
        try (Connection db = jdbc(); Statement statement = db.createStatement()) {
            statement.executeUpdate("DELETE FROM webhook_deliveries");
            statement.executeUpdate("DELETE FROM webhook_events");
            statement.executeUpdate("DELETE FROM webhook_endpoints");
        }
    }

    private WebhookEndpoint endpoint(WorkspaceId ws, String host, String... events) {
        return endpoint(ws, host, WebhookSecret.generate(RANDOM), events);
    }

    private WebhookEndpoint endpoint(WorkspaceId ws, String host, WebhookSecret secret, String... events) {
        WebhookEndpoint endpoint = new WebhookEndpoint(WebhookEndpointId.random(), ws, URI.create("https://" + host + "/hook"),
                List.of(events), NOW);
        webhooks.insert(endpoint, secret);
        return endpoint;
    }

    private Event append(WorkspaceId ws, String type) {
        return append(ws, type, NOW);
    }

    private Event append(WorkspaceId ws, String type, Instant at) {
        Event event = Event.of(ws, type, at, Map.of("connection_id", "conn_1", "attempt", 1));
        webhooks.append(event);
        return event;
    }

    private List<WebhookDelivery> deliveries(WorkspaceId ws, WebhookEndpoint endpoint) {
        return webhooks.listByEndpoint(ws, endpoint.id(), 100);
    }

    private WebhookDelivery delivery(WorkspaceId ws, WebhookEndpoint endpoint) {
        assertThat(deliveries(ws, endpoint)).hasSize(1);
        return deliveries(ws, endpoint).getFirst();
    }

    private long count(String sql, Object... args) throws Exception {
        try (Connection db = jdbc(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    // --- the outbox fans out ---

    @Test
    void append_creates_one_pending_delivery_per_endpoint_that_wants_the_type() throws Exception {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint all = endpoint(ws, "all.example", "*");
        WebhookEndpoint created = endpoint(ws, "created.example", Event.CONNECTION_CREATED, Event.CONNECTION_DELETED);
        WebhookEndpoint config = endpoint(ws, "config.example", Event.CONFIG_UPDATED);

        Event event = append(ws, Event.CONNECTION_CREATED);

        for (WebhookEndpoint wanting : List.of(all, created)) {
            WebhookDelivery delivery = delivery(ws, wanting);
            assertThat(delivery.endpointId()).isEqualTo(wanting.id());
            assertThat(delivery.eventId()).isEqualTo(event.id());
            assertThat(delivery.eventType()).isEqualTo(Event.CONNECTION_CREATED);
            assertThat(delivery.status()).isEqualTo(Status.PENDING);
            assertThat(delivery.attempts()).isZero();
            assertThat(delivery.nextAttemptAt()).contains(NOW);
            assertThat(delivery.createdAt()).isEqualTo(NOW);
            assertThat(delivery.lastStatusCode()).isEmpty();
            assertThat(delivery.deliveredAt()).isEmpty();
        }
        assertThat(deliveries(ws, config)).isEmpty();
        assertThat(count("SELECT count(*) FROM webhook_deliveries")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE give_up_at = ?",
                OffsetDateTime.ofInstant(NOW.plus(Duration.ofHours(24)), java.time.ZoneOffset.UTC))).isEqualTo(2);
    }

    @Test
    void star_endpoints_get_every_type() {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint all = endpoint(ws, "all.example", "*");

        for (String type : Event.TYPES) {
            append(ws, type);
        }

        assertThat(deliveries(ws, all)).extracting(WebhookDelivery::eventType).containsExactlyInAnyOrderElementsOf(Event.TYPES);
    }

    @Test
    void an_event_with_no_matching_endpoint_is_kept_without_deliveries() throws Exception {
        WorkspaceId ws = newWorkspace();
        endpoint(ws, "config.example", Event.CONFIG_UPDATED);

        Event event = append(ws, Event.CONNECTION_EXPIRED);

        assertThat(count("SELECT count(*) FROM webhook_events WHERE id = ?", event.id())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM webhook_deliveries")).isZero();
    }

    @Test
    void a_disabled_endpoint_gets_no_delivery() throws Exception {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint enabled = endpoint(ws, "on.example", "*");
        WebhookEndpoint disabled = endpoint(ws, "off.example", "*");
        try (Connection db = jdbc(); PreparedStatement disable = db.prepareStatement("UPDATE webhook_endpoints SET disabled_at = now() WHERE id = ?")) {
            disable.setObject(1, disabled.id().value());
            assertThat(disable.executeUpdate()).isEqualTo(1);
        }

        append(ws, Event.CONNECTION_CREATED);

        assertThat(deliveries(ws, enabled)).hasSize(1);
        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = ?", disabled.id().value())).isZero();
        assertThat(webhooks.list(ws)).containsExactly(enabled);
        assertThat(webhooks.find(ws, disabled.id())).isEmpty();
    }

    @Test
    void a_deleted_endpoint_gets_no_delivery() throws Exception {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint gone = endpoint(ws, "gone.example", "*");
        assertThat(webhooks.delete(ws, gone.id())).isTrue();

        append(ws, Event.CONNECTION_CREATED);

        assertThat(count("SELECT count(*) FROM webhook_deliveries")).isZero();
    }

    @Test
    void append_never_fans_out_to_another_workspace() throws Exception {
        WorkspaceId ws = newWorkspace();
        WorkspaceId other = newWorkspace();
        WebhookEndpoint mine = endpoint(ws, "mine.example", "*");
        WebhookEndpoint theirs = endpoint(other, "theirs.example", "*");

        append(ws, Event.CONNECTION_CREATED);

        assertThat(deliveries(ws, mine)).hasSize(1);
        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = ?", theirs.id().value())).isZero();
        // and another workspace cannot read mine by naming my endpoint
        assertThat(webhooks.listByEndpoint(other, mine.id(), 100)).isEmpty();
        assertThat(webhooks.find(other, mine.id(), delivery(ws, mine).id())).isEmpty();
        assertThat(webhooks.reschedule(other, mine.id(), delivery(ws, mine).id(), NOW, NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void old_events_are_forgotten_with_their_deliveries_unless_one_is_still_pending() throws Exception {
        WorkspaceId ws = newWorkspace();
        endpoint(ws, "hook.example", "*");
        Instant old = NOW.minus(Duration.ofDays(31));
        Event delivered = append(ws, Event.CONNECTION_CREATED, old);
        Event pending = append(ws, Event.CONNECTION_UPDATED, old);
        Event recent = append(ws, Event.CONNECTION_DELETED, NOW.minus(Duration.ofDays(29)));
        for (Claimed claimed : webhooks.claimDue(NOW, NOW.plus(LEASE), 10)) {
            if (!claimed.event().id().equals(pending.id())) {
                webhooks.delivered(claimed, 200, NOW);
            }
        }

        assertThat(webhooks.purgeEventsBefore(NOW.minus(Duration.ofDays(30)))).isEqualTo(1);

        assertThat(count("SELECT count(*) FROM webhook_events WHERE id = ?", delivered.id())).isZero();
        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE event_id = ?", delivered.id())).isZero();
        assertThat(count("SELECT count(*) FROM webhook_events WHERE id IN (?, ?)", pending.id(), recent.id())).isEqualTo(2);
        assertThat(webhooks.purgeEventsBefore(NOW.minus(Duration.ofDays(30)))).isZero();
    }

    // --- endpoints ---

    @Test
    void endpoints_of_another_workspace_cannot_be_found_deleted_or_given_a_new_secret() {
        WorkspaceId ws = newWorkspace();
        WorkspaceId other = newWorkspace();
        WebhookEndpoint mine = endpoint(ws, "mine.example", "*");

        assertThat(webhooks.find(other, mine.id())).isEmpty();
        assertThat(webhooks.list(other)).isEmpty();
        assertThat(webhooks.delete(other, mine.id())).isFalse();
        assertThat(webhooks.replaceSecret(other, mine.id(), WebhookSecret.generate(RANDOM))).isFalse();
        assertThat(webhooks.find(ws, mine.id())).contains(mine);
    }

    @Test
    void deleting_an_endpoint_deletes_its_deliveries_and_only_its_own() throws Exception {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint leaving = endpoint(ws, "leaving.example", "*");
        WebhookEndpoint staying = endpoint(ws, "staying.example", "*");
        append(ws, Event.CONNECTION_CREATED);
        append(ws, Event.CONNECTION_DELETED);
        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = ?", leaving.id().value())).isEqualTo(2);

        assertThat(webhooks.delete(ws, leaving.id())).isTrue();

        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = ?", leaving.id().value())).isZero();
        assertThat(count("SELECT count(*) FROM webhook_endpoints WHERE id = ?", leaving.id().value())).isZero();
        assertThat(deliveries(ws, staying)).hasSize(2);
        assertThat(webhooks.claimDue(NOW, NOW.plus(LEASE), 100)).extracting(Claimed::url)
                .containsOnly(URI.create("https://staying.example/hook")).hasSize(2);
    }

    @Test
    void the_stored_secret_is_ciphertext_that_holds_neither_the_secret_text_nor_its_key() throws Exception {
        WorkspaceId ws = newWorkspace();
        WebhookSecret secret = WebhookSecret.generate(RANDOM);
        WebhookEndpoint endpoint = endpoint(ws, "api.example", secret, "*");

        byte[] stored;
        String keyId;
        try (Connection db = jdbc(); PreparedStatement select = db.prepareStatement(
                "SELECT secret_key_id, secret_ciphertext FROM webhook_endpoints WHERE id = ?")) {
            select.setObject(1, endpoint.id().value());
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                keyId = rows.getString(1);
                stored = rows.getBytes(2);
            }
        }

        assertThat(keyId).isEqualTo(KEY_ID);
        String asLatin1 = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(asLatin1).doesNotContain(secret.reveal())
                .doesNotContain(secret.reveal().substring(WebhookSecret.PREFIX.length()))
                .doesNotContain(WebhookSecret.PREFIX)
                .doesNotContain(new String(secret.key(), StandardCharsets.ISO_8859_1));
        // and it opens to the very secret, for the dispatcher only
        append(ws, Event.CONNECTION_CREATED);
        assertThat(webhooks.claimDue(NOW, NOW.plus(LEASE), 10)).singleElement().satisfies(c -> assertThat(c.secret()).isEqualTo(secret));
    }

    @Test
    void the_sealed_secret_is_bound_to_its_endpoint() throws Exception {
        WorkspaceId ws = newWorkspace();
        WebhookSecret secretA = WebhookSecret.generate(RANDOM);
        WebhookEndpoint a = endpoint(ws, "a.example", secretA, "*");
        WebhookEndpoint b = endpoint(ws, "b.example", "*");
        // copy a's ciphertext onto b: it must not open as b's secret
        try (Connection db = jdbc(); PreparedStatement copy = db.prepareStatement("""
                UPDATE webhook_endpoints SET secret_ciphertext = (SELECT secret_ciphertext FROM webhook_endpoints WHERE id = ?) WHERE id = ?""")) {
            copy.setObject(1, a.id().value());
            copy.setObject(2, b.id().value());
            copy.executeUpdate();
        }
        append(ws, Event.CONNECTION_CREATED);

        List<Claimed> claimed = webhooks.claimDue(NOW, NOW.plus(LEASE), 10);

        assertThat(claimed).singleElement().satisfies(c -> {
            assertThat(c.url().getHost()).isEqualTo("a.example");
            assertThat(c.secret()).isEqualTo(secretA);
        });
        WebhookDelivery ofB = delivery(ws, b);
        assertThat(ofB.status()).isEqualTo(Status.PENDING);
        assertThat(ofB.lastError()).hasValueSatisfying(e -> assertThat(e).contains("cannot be decrypted"));
        assertThat(ofB.nextAttemptAt()).contains(NOW.plus(LEASE));
    }

    @Test
    void replacing_the_secret_is_what_the_next_claim_signs_with() {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint endpoint = endpoint(ws, "api.example", "*");
        WebhookSecret fresh = WebhookSecret.generate(RANDOM);

        assertThat(webhooks.replaceSecret(ws, endpoint.id(), fresh)).isTrue();
        append(ws, Event.CONNECTION_CREATED);

        assertThat(webhooks.claimDue(NOW, NOW.plus(LEASE), 10)).singleElement().satisfies(c -> assertThat(c.secret()).isEqualTo(fresh));
    }

    // --- claims ---

    @Test
    void a_claim_carries_the_event_the_url_and_the_lease() {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint endpoint = endpoint(ws, "api.example", "*");
        Event event = append(ws, Event.CONNECTION_RECOVERED);

        Claimed claimed = webhooks.claimDue(NOW, NOW.plus(LEASE), 10).getFirst();

        assertThat(claimed.id()).isEqualTo(delivery(ws, endpoint).id());
        assertThat(claimed.event().id()).isEqualTo(event.id());
        assertThat(claimed.event().type()).isEqualTo(Event.CONNECTION_RECOVERED);
        assertThat(claimed.event().workspaceId()).isEqualTo(ws);
        assertThat(claimed.event().createdAt()).isEqualTo(NOW);
        assertThat(claimed.event().data()).containsEntry("connection_id", "conn_1");
        assertThat(claimed.url()).isEqualTo(endpoint.url());
        assertThat(claimed.attempts()).isZero();
        assertThat(claimed.giveUpAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(delivery(ws, endpoint).nextAttemptAt()).contains(NOW.plus(LEASE));
    }

    @Test
    void only_due_pending_deliveries_are_claimed_oldest_due_first_up_to_the_limit() {
        WorkspaceId ws = newWorkspace();
        endpoint(ws, "api.example", "*");
        Event second = append(ws, Event.CONNECTION_UPDATED, NOW.minusSeconds(10));
        Event first = append(ws, Event.CONNECTION_CREATED, NOW.minusSeconds(20));
        append(ws, Event.CONNECTION_DELETED, NOW.plusSeconds(1));

        assertThat(webhooks.claimDue(NOW, NOW.plus(LEASE), 1)).extracting(c -> c.event().id()).containsExactly(first.id());
        assertThat(webhooks.claimDue(NOW, NOW.plus(LEASE), 10)).extracting(c -> c.event().id()).containsExactly(second.id());
        assertThat(webhooks.claimDue(NOW, NOW.plus(LEASE), 10)).isEmpty();
    }

    @Test
    void a_leased_delivery_is_not_claimed_again_until_the_lease_runs_out() {
        WorkspaceId ws = newWorkspace();
        endpoint(ws, "api.example", "*");
        append(ws, Event.CONNECTION_CREATED);
        Claimed first = webhooks.claimDue(NOW, NOW.plus(LEASE), 10).getFirst();

        assertThat(webhooks.claimDue(NOW, NOW.plus(LEASE), 10)).isEmpty();
        assertThat(webhooks.claimDue(NOW.plus(LEASE).minusMillis(1), NOW.plus(LEASE).plus(LEASE), 10)).isEmpty();

        List<Claimed> again = webhooks.claimDue(NOW.plus(LEASE), NOW.plus(LEASE).plus(LEASE), 10);
        assertThat(again).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(first.id());
            assertThat(c.lease()).isNotEqualTo(first.lease());
        });
    }

    @Test
    void delivered_and_failed_deliveries_are_not_claimed() {
        WorkspaceId ws = newWorkspace();
        endpoint(ws, "a.example", "*");
        endpoint(ws, "b.example", "*");
        append(ws, Event.CONNECTION_CREATED);
        List<Claimed> claimed = webhooks.claimDue(NOW, NOW.plus(LEASE), 10);
        assertThat(claimed).hasSize(2);

        webhooks.delivered(claimed.get(0), 200, NOW.plusSeconds(1));
        webhooks.attemptFailed(claimed.get(1), Optional.of(410), "the endpoint answered 410", Optional.empty());

        assertThat(webhooks.claimDue(NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(2)).plus(LEASE), 10)).isEmpty();
    }

    @Test
    void two_concurrent_claimers_get_disjoint_deliveries_and_together_all_of_them() throws Exception {
        WorkspaceId ws = newWorkspace();
        for (int i = 0; i < 5; i++) {
            endpoint(ws, "e" + i + ".example", "*");
        }
        for (int i = 0; i < 12; i++) {
            append(ws, Event.CONNECTION_UPDATED, NOW.minusSeconds(i));
        }
        int total = 60;
        assertThat(count("SELECT count(*) FROM webhook_deliveries")).isEqualTo(total);

        for (int round = 0; round < 5; round++) {
            Instant now = NOW.plus(LEASE.multipliedBy(2L * round));
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<List<Claimed>> claimer = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    List<Claimed> mine = new ArrayList<>();
                    for (List<Claimed> batch = webhooks.claimDue(now, now.plus(LEASE), 7); !batch.isEmpty();
                         batch = webhooks.claimDue(now, now.plus(LEASE), 7)) {
                        mine.addAll(batch);
                    }
                    return mine;
                };
                Future<List<Claimed>> a = pool.submit(claimer);
                Future<List<Claimed>> b = pool.submit(claimer);
                Set<WebhookDeliveryId> idsA = ids(a.get(60, TimeUnit.SECONDS));
                Set<WebhookDeliveryId> idsB = ids(b.get(60, TimeUnit.SECONDS));

                assertThat(idsA).as("round %d", round).doesNotContainAnyElementsOf(idsB);
                Set<WebhookDeliveryId> both = new HashSet<>(idsA);
                both.addAll(idsB);
                assertThat(both).as("round %d", round).hasSize(total);
                assertThat(a.get().size() + b.get().size()).as("no delivery claimed twice").isEqualTo(total);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Set<WebhookDeliveryId> ids(List<Claimed> claimed) {
        Set<WebhookDeliveryId> ids = new HashSet<>();
        claimed.forEach(c -> ids.add(c.id()));
        return ids;
    }

    @Test
    void a_claim_skips_rows_another_transaction_has_locked_instead_of_waiting() throws Exception {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint locked = endpoint(ws, "locked.example", "*");
        WebhookEndpoint free = endpoint(ws, "free.example", "*");
        append(ws, Event.CONNECTION_CREATED);
        UUID lockedDelivery = delivery(ws, locked).id().value();

        try (Connection otherInstance = jdbc()) {
            otherInstance.setAutoCommit(false);
            try (PreparedStatement lock = otherInstance.prepareStatement("SELECT id FROM webhook_deliveries WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, lockedDelivery);
                lock.executeQuery().close();
            }
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                List<Claimed> claimed = pool.submit(() -> webhooks.claimDue(NOW, NOW.plus(LEASE), 10)).get(20, TimeUnit.SECONDS);
                assertThat(claimed).extracting(Claimed::url).containsExactly(free.url());
            } finally {
                pool.shutdownNow();
                otherInstance.rollback();
            }
        }

        assertThat(webhooks.claimDue(NOW, NOW.plus(LEASE), 10)).extracting(Claimed::url).containsExactly(locked.url());
    }

    // --- outcomes, only from the lease holder ---

    @Test
    void the_lease_holder_records_a_delivery() {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint endpoint = endpoint(ws, "api.example", "*");
        append(ws, Event.CONNECTION_CREATED);
        Claimed claimed = webhooks.claimDue(NOW, NOW.plus(LEASE), 10).getFirst();

        webhooks.delivered(claimed, 202, NOW.plusSeconds(2));

        WebhookDelivery delivery = delivery(ws, endpoint);
        assertThat(delivery.status()).isEqualTo(Status.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatusCode()).contains(202);
        assertThat(delivery.deliveredAt()).contains(NOW.plusSeconds(2));
        assertThat(delivery.nextAttemptAt()).isEmpty();
    }

    @Test
    void the_start_of_the_endpoint_s_answer_is_kept_with_the_attempt_and_replaced_by_the_next_one() {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint endpoint = endpoint(ws, "api.example", "*");
        append(ws, Event.CONNECTION_CREATED);
        Claimed first = webhooks.claimDue(NOW, NOW.plus(LEASE), 10).getFirst();

        webhooks.attemptFailed(first, Optional.of(422), "the endpoint answered 422", Optional.of("{\"error\":\"unknown tenant\"}"),
                Optional.of(NOW.plusSeconds(30)));

        assertThat(delivery(ws, endpoint).lastResponseExcerpt()).contains("{\"error\":\"unknown tenant\"}");
        Claimed second = webhooks.claimDue(NOW.plusSeconds(30), NOW.plusSeconds(30).plus(LEASE), 10).getFirst();
        webhooks.delivered(second, 200, Optional.of("ok"), NOW.plusSeconds(31));
        assertThat(delivery(ws, endpoint).lastResponseExcerpt()).contains("ok");
        assertThat(delivery(ws, endpoint).lastError()).isEmpty();
    }

    @Test
    void the_lease_holder_records_a_failed_attempt_and_its_retry_time_or_failure() {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint endpoint = endpoint(ws, "api.example", "*");
        append(ws, Event.CONNECTION_CREATED);
        Claimed first = webhooks.claimDue(NOW, NOW.plus(LEASE), 10).getFirst();

        webhooks.attemptFailed(first, Optional.empty(), "x".repeat(2000), Optional.of(NOW.plusSeconds(30)));

        WebhookDelivery retrying = delivery(ws, endpoint);
        assertThat(retrying.status()).isEqualTo(Status.PENDING);
        assertThat(retrying.attempts()).isEqualTo(1);
        assertThat(retrying.lastStatusCode()).isEmpty();
        assertThat(retrying.lastError()).hasValueSatisfying(e -> assertThat(e).hasSize(500));
        assertThat(retrying.nextAttemptAt()).contains(NOW.plusSeconds(30));

        Claimed second = webhooks.claimDue(NOW.plusSeconds(30), NOW.plusSeconds(30).plus(LEASE), 10).getFirst();
        assertThat(second.attempts()).isEqualTo(1);
        webhooks.attemptFailed(second, Optional.of(500), "the endpoint answered 500", Optional.empty());

        WebhookDelivery failed = delivery(ws, endpoint);
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.lastStatusCode()).contains(500);
        assertThat(failed.nextAttemptAt()).isEmpty();
    }

    @Test
    void a_delivery_given_back_on_a_stop_is_due_at_once_unless_its_lease_was_lost() {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint endpoint = endpoint(ws, "api.example", "*");
        append(ws, Event.CONNECTION_CREATED);
        Claimed claimed = webhooks.claimDue(NOW, NOW.plus(LEASE), 10).getFirst();

        webhooks.release(claimed, NOW.plusSeconds(1));

        assertThat(delivery(ws, endpoint).nextAttemptAt()).contains(NOW.plusSeconds(1));
        assertThat(delivery(ws, endpoint).attempts()).isZero();
        Claimed again = webhooks.claimDue(NOW.plusSeconds(1), NOW.plus(LEASE), 10).getFirst();
        assertThat(again.id()).isEqualTo(claimed.id());
        webhooks.release(claimed, NOW.plusSeconds(2));
        assertThat(delivery(ws, endpoint).nextAttemptAt()).as("the old holder's lease is gone").contains(NOW.plus(LEASE));
    }

    @Test
    void an_outcome_recorded_under_a_lost_lease_is_ignored() {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint endpoint = endpoint(ws, "api.example", "*");
        append(ws, Event.CONNECTION_CREATED);
        Claimed stale = webhooks.claimDue(NOW, NOW.plus(LEASE), 10).getFirst();
        Instant later = NOW.plus(LEASE);
        Claimed current = webhooks.claimDue(later, later.plus(LEASE), 10).getFirst();
        assertThat(current.id()).isEqualTo(stale.id());

        webhooks.delivered(stale, 200, later.plusSeconds(1));
        webhooks.attemptFailed(stale, Optional.of(500), "stale", Optional.empty());

        WebhookDelivery untouched = delivery(ws, endpoint);
        assertThat(untouched.status()).isEqualTo(Status.PENDING);
        assertThat(untouched.attempts()).isZero();
        assertThat(untouched.lastError()).isEmpty();
        assertThat(untouched.nextAttemptAt()).contains(later.plus(LEASE));

        webhooks.delivered(current, 200, later.plusSeconds(2));
        assertThat(delivery(ws, endpoint).status()).isEqualTo(Status.DELIVERED);
        assertThat(delivery(ws, endpoint).attempts()).isEqualTo(1);

        // the holder's lease is spent once recorded: recording again changes nothing
        webhooks.attemptFailed(current, Optional.of(500), "late", Optional.empty());
        assertThat(delivery(ws, endpoint).status()).isEqualTo(Status.DELIVERED);
    }

    @Test
    void a_redelivery_request_takes_the_lease_away_from_an_in_flight_send() {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint endpoint = endpoint(ws, "api.example", "*");
        append(ws, Event.CONNECTION_CREATED);
        Claimed inFlight = webhooks.claimDue(NOW, NOW.plus(LEASE), 10).getFirst();
        WebhookDeliveryId id = inFlight.id();

        assertThat(webhooks.reschedule(ws, endpoint.id(), id, NOW.plusSeconds(5), NOW.plusSeconds(5).plus(Duration.ofHours(24)))).isTrue();
        webhooks.attemptFailed(inFlight, Optional.of(500), "late", Optional.empty());

        WebhookDelivery delivery = webhooks.find(ws, endpoint.id(), id).orElseThrow();
        assertThat(delivery.status()).isEqualTo(Status.PENDING);
        assertThat(delivery.nextAttemptAt()).contains(NOW.plusSeconds(5));
        assertThat(webhooks.claimDue(NOW.plusSeconds(5), NOW.plusSeconds(5).plus(LEASE), 10)).singleElement()
                .satisfies(c -> assertThat(c.giveUpAt()).isEqualTo(NOW.plusSeconds(5).plus(Duration.ofHours(24))));
    }

    @Test
    void redeliver_makes_a_failed_delivery_pending_again() {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint endpoint = endpoint(ws, "api.example", "*");
        append(ws, Event.CONNECTION_CREATED);
        Claimed claimed = webhooks.claimDue(NOW, NOW.plus(LEASE), 10).getFirst();
        webhooks.attemptFailed(claimed, Optional.of(500), "the endpoint answered 500", Optional.empty());
        Instant now = NOW.plus(Duration.ofDays(2));

        assertThat(webhooks.reschedule(ws, endpoint.id(), claimed.id(), now, now.plus(Duration.ofHours(24)))).isTrue();

        WebhookDelivery delivery = delivery(ws, endpoint);
        assertThat(delivery.status()).isEqualTo(Status.PENDING);
        assertThat(delivery.nextAttemptAt()).contains(now);
        assertThat(webhooks.claimDue(now, now.plus(LEASE), 10)).extracting(Claimed::id).containsExactly(claimed.id());
        assertThat(webhooks.reschedule(ws, endpoint.id(), WebhookDeliveryId.random(), now, now)).isFalse();
    }

    @Test
    void deliveries_are_listed_newest_first_within_the_limit() {
        WorkspaceId ws = newWorkspace();
        WebhookEndpoint endpoint = endpoint(ws, "api.example", "*");
        Event oldest = append(ws, Event.CONNECTION_CREATED, NOW.minusSeconds(30));
        Event middle = append(ws, Event.CONNECTION_UPDATED, NOW.minusSeconds(20));
        Event newest = append(ws, Event.CONNECTION_DELETED, NOW.minusSeconds(10));

        assertThat(webhooks.listByEndpoint(ws, endpoint.id(), 2)).extracting(WebhookDelivery::eventId).containsExactly(newest.id(), middle.id());
        assertThat(webhooks.listByEndpoint(ws, endpoint.id(), 10)).extracting(WebhookDelivery::eventId)
                .containsExactly(newest.id(), middle.id(), oldest.id());
    }

    @Test
    void the_outbox_depth_and_its_oldest_pending_delivery_are_measured_over_every_workspace() throws Exception {
        var stats = new dev.latchkey.adapters.persistence.stats.OperationalStatsPersistenceAdapter(transactions);
        assertThat(stats.pendingDeliveries().count()).isZero();
        assertThat(stats.pendingDeliveries().oldestCreatedAt()).isEmpty();
        WorkspaceId first = newWorkspace();
        WorkspaceId second = newWorkspace();
        endpoint(first, "a.example", "*");
        WebhookEndpoint done = endpoint(second, "b.example", "*");
        append(first, Event.CONNECTION_CREATED, NOW.minusSeconds(60));
        append(second, Event.CONNECTION_CREATED, NOW.minusSeconds(300));
        try (Connection db = jdbc(); PreparedStatement deliver = db.prepareStatement(
                "UPDATE webhook_deliveries SET status = 'delivered', next_attempt_at = NULL, delivered_at = created_at WHERE endpoint_id = ?")) {
            deliver.setObject(1, done.id().value());
            deliver.executeUpdate();
        }

        var pending = stats.pendingDeliveries();

        assertThat(pending.count()).isEqualTo(1);
        assertThat(pending.oldestCreatedAt()).contains(NOW.minusSeconds(60));
    }
}
