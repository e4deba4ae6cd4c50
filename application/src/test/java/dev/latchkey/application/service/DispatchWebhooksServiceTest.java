package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryWebhooks;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.fakes.RecordingTracer;
import dev.latchkey.application.fakes.RecordingWebhookSender;
import dev.latchkey.application.port.in.CreateWebhookCommand;
import dev.latchkey.application.port.in.CreatedWebhookResult;
import dev.latchkey.application.port.out.WebhookSenderPort.Outcome;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.webhook.WebhookDelivery;
import dev.latchkey.domain.webhook.WebhookDelivery.Status;
import dev.latchkey.domain.webhook.WebhookDeliveryId;
import dev.latchkey.domain.webhook.WebhookSecret;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchWebhooksServiceTest {
    private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);
    private static final Duration ONE_HOUR = Duration.ofHours(1);

    private final MutableClock clock = MutableClock.at("2026-04-01T10:00:00Z");
    private final InMemoryWebhooks store = new InMemoryWebhooks();
    private final RecordingWebhookSender sender = new RecordingWebhookSender();
    private final CreateWebhookService createWebhook = new CreateWebhookService(store, sender, new SecureRandom(), clock);
    private final ListWebhooksService listWebhooks = new ListWebhooksService(store);
    private final ListWebhookDeliveriesService listDeliveries = new ListWebhookDeliveriesService(store, store);
    private final PurgeOldWebhookEventsService purge = new PurgeOldWebhookEventsService(store, clock);
    private final DispatchWebhooksService dispatch = new DispatchWebhooksService(store, sender, clock);
    private final WorkspaceId workspace = WorkspaceId.random();

    private CreatedWebhookResult endpoint(String url, String... events) {
        return createWebhook.create(new CreateWebhookCommand(workspace, url, List.of(events)));
    }

    private WebhookDeliveryId event(String type, Instant at) {
        return store.append(new Event("evt_" + at.toEpochMilli() + type.hashCode(), workspace, type, at, Map.of("connection_id", "c1")))
                .getFirst();
    }

    // --- Standard Webhooks, computed here from the spec, not with Latchkey's code ---

    /** base64(HMAC-SHA256(key = base64-decoded part after "whsec_", "{id}.{timestamp}.{body}")). */
    private static String standardWebhooksSignature(String whsecSecret, String id, long timestamp, String body) throws Exception {
        byte[] key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static String hmacWithKey(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void events_are_kept_thirty_days_after_they_stop_being_delivered() {
        CreatedWebhookResult created = endpoint("https://hooks.example.com/in", "*");
        event("connection.created", clock.instant().minus(Duration.ofDays(30)).minusSeconds(1));
        event("connection.deleted", clock.instant().minus(Duration.ofDays(30)).plusSeconds(1));
        dispatch.dispatchDue(); // both delivered (the sender answers 200)

        assertThat(purge.purge()).isEqualTo(1);
        assertThat(store.listByEndpoint(workspace, created.endpoint().id(), 10))
                .extracting(d -> d.eventType()).containsExactly("connection.deleted");
    }

    @Test
    void the_signature_helper_matches_the_standard_webhooks_reference_vector() throws Exception {
        // The example of the Standard Webhooks specification.
        assertThat(standardWebhooksSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_due_delivery_is_sent_with_what_its_standard_webhooks_headers_need() throws Exception {
        CreatedWebhookResult created = endpoint("https://api.acme.com/hook", "*");
        Instant eventAt = clock.instant();
        event(Event.CONNECTION_CREATED, eventAt);
        clock.advance(Duration.ofSeconds(3));

        assertThat(dispatch.dispatchDue()).isEqualTo(1);

        RecordingWebhookSender.Sent sent = sender.sent().getFirst();
        assertThat(sent.url()).isEqualTo(URI.create("https://api.acme.com/hook"));
        assertThat(sent.event().type()).isEqualTo(Event.CONNECTION_CREATED);
        assertThat(sent.event().createdAt()).isEqualTo(eventAt);
        assertThat(sent.event().data()).isEqualTo(Map.of("connection_id", "c1"));
        // webhook-timestamp is the time of the send, not of the event
        assertThat(sent.timestamp()).isEqualTo(clock.instant());
        // webhook-signature: the secret the sender signs with is the one shown at creation, and its key is
        // the base64-decoded part after whsec_, so a receiver holding the shown text verifies the signature.
        assertThat(sent.secret().reveal()).isEqualTo(created.secret().reveal());
        long timestamp = sent.timestamp().getEpochSecond();
        String body = "{\"id\":\"" + sent.event().id() + "\"}";
        assertThat(hmacWithKey(sent.secret().key(), sent.event().id() + "." + timestamp + "." + body))
                .isEqualTo(standardWebhooksSignature(created.secret().reveal(), sent.event().id(), timestamp, body));
    }

    @Test
    void each_delivery_attempt_is_a_span_that_says_whether_the_endpoint_took_it() {
        RecordingTracer tracer = new RecordingTracer();
        DispatchWebhooksService traced = new DispatchWebhooksService(store, sender, clock, recorded -> {
        }, tracer);
        endpoint("https://api.acme.com/hook", "*");
        event(Event.CONNECTION_EXPIRED, clock.instant());
        sender.answer(Outcome.answered(500));
        traced.dispatchDue();
        clock.advance(Duration.ofHours(1));
        sender.answer(Outcome.answered(204));
        traced.dispatchDue();

        assertThat(tracer.spans()).hasSize(2).allSatisfy(span -> {
            assertThat(span.name()).isEqualTo("webhook delivery");
            assertThat(span.closed()).isTrue();
            assertThat(span.attributes()).containsEntry("latchkey.event_type", Event.CONNECTION_EXPIRED).containsKey("latchkey.delivery_id");
            assertThat(span.attributes().toString()).doesNotContain("whsec_").doesNotContain("api.acme.com");
        });
        assertThat(tracer.spans().get(0).attributes()).containsEntry("latchkey.attempt", "1").containsEntry("http.response.status_code", "500");
        assertThat(tracer.spans().get(0).failure()).contains("webhook_failed");
        assertThat(tracer.spans().get(1).attributes()).containsEntry("latchkey.attempt", "2").containsEntry("http.response.status_code", "204");
        assertThat(tracer.spans().get(1).failure()).isEmpty();
    }

    @Test
    void every_attempt_of_an_event_carries_the_same_event_id() {
        endpoint("https://api.acme.com/hook", "*");
        event(Event.CONNECTION_EXPIRED, clock.instant());
        sender.answer(Outcome.answered(500));

        dispatch.dispatchDue();
        clock.advance(THIRTY_SECONDS);
        dispatch.dispatchDue();

        assertThat(sender.sent()).hasSize(2);
        assertThat(sender.sent().get(0).event().id()).isEqualTo(sender.sent().get(1).event().id());
        assertThat(sender.sent().get(0).timestamp()).isBefore(sender.sent().get(1).timestamp());
    }

    @Test
    void a_2xx_answer_marks_the_delivery_delivered() {
        endpoint("https://api.acme.com/hook", "*");
        WebhookDeliveryId id = event(Event.CONNECTION_CREATED, clock.instant());
        sender.answer(Outcome.answered(204));

        dispatch.dispatchDue();

        WebhookDelivery delivery = store.delivery(id);
        assertThat(delivery.status()).isEqualTo(Status.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatusCode()).contains(204);
        assertThat(delivery.lastError()).isEmpty();
        assertThat(delivery.deliveredAt()).contains(clock.instant());
        assertThat(delivery.nextAttemptAt()).isEmpty();

        clock.advance(Duration.ofDays(2));
        assertThat(dispatch.dispatchDue()).isZero();
        assertThat(sender.sent()).hasSize(1);
    }

    @Test
    void a_non_2xx_answer_counts_an_attempt_and_retries_after_30_seconds() {
        endpoint("https://api.acme.com/hook", "*");
        WebhookDeliveryId id = event(Event.CONNECTION_CREATED, clock.instant());
        sender.answer(Outcome.answered(302));

        dispatch.dispatchDue();

        WebhookDelivery delivery = store.delivery(id);
        assertThat(delivery.status()).isEqualTo(Status.PENDING);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatusCode()).contains(302);
        assertThat(delivery.lastError()).hasValueSatisfying(e -> assertThat(e).contains("302"));
        assertThat(delivery.nextAttemptAt()).contains(clock.instant().plus(THIRTY_SECONDS));
        assertThat(delivery.deliveredAt()).isEmpty();
    }

    @Test
    void the_start_of_each_answer_is_kept_with_the_delivery_and_the_next_answer_replaces_it() {
        endpoint("https://api.acme.com/hook", "*");
        WebhookDeliveryId id = event(Event.CONNECTION_CREATED, clock.instant());
        sender.answer(Outcome.answered(500, Optional.of("{\"error\":\"unknown tenant\"}")));

        dispatch.dispatchDue();

        assertThat(store.delivery(id).lastResponseExcerpt()).contains("{\"error\":\"unknown tenant\"}");
        clock.advance(THIRTY_SECONDS);
        sender.answer(Outcome.answered(204));
        dispatch.dispatchDue();
        assertThat(store.delivery(id).status()).isEqualTo(Status.DELIVERED);
        assertThat(store.delivery(id).lastResponseExcerpt()).as("an empty answer: nothing of the old one").isEmpty();
    }

    @Test
    void an_unreachable_endpoint_is_a_failed_attempt_with_its_error_and_no_status() {
        endpoint("https://api.acme.com/hook", "*");
        WebhookDeliveryId id = event(Event.CONNECTION_CREATED, clock.instant());
        sender.answer(Outcome.unreachable("connection refused"));

        dispatch.dispatchDue();

        WebhookDelivery delivery = store.delivery(id);
        assertThat(delivery.status()).isEqualTo(Status.PENDING);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatusCode()).isEmpty();
        assertThat(delivery.lastError()).contains("connection refused");
    }

    @Test
    void a_sender_that_throws_is_a_failed_attempt_and_the_rest_of_the_batch_is_still_sent() {
        endpoint("https://a.example/hook", "*");
        endpoint("https://b.example/hook", "*");
        store.append(Event.of(workspace, Event.CONNECTION_CREATED, clock.instant(), Map.of()));
        sender.answer(new IllegalStateException("boom"), Outcome.answered(200));

        assertThat(dispatch.dispatchDue()).isEqualTo(2);

        assertThat(sender.sent()).hasSize(2);
        List<WebhookDelivery> all = new ArrayList<>();
        for (var endpoint : listWebhooks.list(workspace)) {
            all.addAll(listDeliveries.deliveries(workspace, endpoint.id()));
        }
        assertThat(all).extracting(WebhookDelivery::status).containsExactlyInAnyOrder(Status.PENDING, Status.DELIVERED);
        assertThat(all).filteredOn(d -> d.status() == Status.PENDING).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).hasValueSatisfying(e -> assertThat(e).contains("IllegalStateException").doesNotContain("boom"));
        });
    }

    /** The documented schedule: 30 s after the first failure, doubling each time, at most 1 h. */
    private static Duration documentedBackoff(int failures) {
        Duration wait = THIRTY_SECONDS;
        for (int i = 1; i < failures; i++) {
            wait = wait.multipliedBy(2);
            if (wait.compareTo(ONE_HOUR) >= 0) {
                return ONE_HOUR;
            }
        }
        return wait;
    }

    @Test
    void failures_back_off_30_seconds_doubling_up_to_an_hour_and_fail_for_good_after_24_hours() {
        endpoint("https://api.acme.com/hook", "*");
        Instant eventAt = clock.instant();
        WebhookDeliveryId id = event(Event.CONNECTION_CREATED, eventAt);
        List<Duration> waits = new ArrayList<>();

        for (int attempt = 1; ; attempt++) {
            sender.answer(Outcome.answered(500));
            assertThat(dispatch.dispatchDue()).as("attempt %d", attempt).isEqualTo(1);
            WebhookDelivery delivery = store.delivery(id);
            assertThat(delivery.attempts()).isEqualTo(attempt);
            if (delivery.status() == Status.FAILED) {
                assertThat(delivery.nextAttemptAt()).isEmpty();
                assertThat(clock.instant()).isAfterOrEqualTo(eventAt.plus(Duration.ofHours(24)));
                break;
            }
            assertThat(delivery.status()).isEqualTo(Status.PENDING);
            assertThat(clock.instant()).isBefore(eventAt.plus(Duration.ofHours(24)));
            Duration wait = Duration.between(clock.instant(), delivery.nextAttemptAt().orElseThrow());
            assertThat(wait).as("wait after failure %d", attempt).isEqualTo(documentedBackoff(attempt));
            waits.add(wait);
            // not sent again before it is due
            clock.advance(wait.minusSeconds(1));
            assertThat(dispatch.dispatchDue()).isZero();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(waits.subList(0, 8)).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(32), ONE_HOUR);
        assertThat(waits.subList(7, waits.size())).containsOnly(ONE_HOUR);
        // 0 s, 30 s, ... 3810 s, then hourly: the first attempt at or after 24 h is the 31st, at 86 610 s
        assertThat(store.delivery(id).attempts()).isEqualTo(31);
        assertThat(clock.instant()).isEqualTo(eventAt.plusSeconds(86_610));
        clock.advance(Duration.ofDays(3));
        assertThat(dispatch.dispatchDue()).isZero();
    }

    @Test
    void a_first_attempt_made_after_the_window_fails_at_once() {
        endpoint("https://api.acme.com/hook", "*");
        WebhookDeliveryId id = event(Event.CONNECTION_CREATED, clock.instant());
        clock.advance(Duration.ofHours(24));
        sender.answer(Outcome.answered(503));

        dispatch.dispatchDue();

        assertThat(store.delivery(id).status()).isEqualTo(Status.FAILED);
        assertThat(store.delivery(id).lastStatusCode()).contains(503);
    }

    @Test
    void a_success_after_the_window_is_still_delivered() {
        endpoint("https://api.acme.com/hook", "*");
        WebhookDeliveryId id = event(Event.CONNECTION_CREATED, clock.instant());
        clock.advance(Duration.ofHours(30));

        dispatch.dispatchDue();

        assertThat(store.delivery(id).status()).isEqualTo(Status.DELIVERED);
    }

    @Test
    void deliveries_not_yet_due_are_not_sent() {
        endpoint("https://api.acme.com/hook", "*");
        WebhookDeliveryId later = event(Event.CONNECTION_CREATED, clock.instant().plusSeconds(60));

        assertThat(dispatch.dispatchDue()).isZero();
        assertThat(sender.sent()).isEmpty();
        assertThat(store.delivery(later).attempts()).isZero();

        clock.advance(Duration.ofSeconds(60));
        assertThat(dispatch.dispatchDue()).isEqualTo(1);
    }

    @Test
    void nothing_due_sends_nothing() {
        endpoint("https://api.acme.com/hook", "*");

        assertThat(dispatch.dispatchDue()).isZero();
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void one_run_sends_at_most_a_batch_and_the_next_run_sends_the_rest() {
        endpoint("https://api.acme.com/hook", "*");
        for (int i = 0; i < DispatchWebhooksService.BATCH + 5; i++) {
            store.append(Event.of(workspace, Event.CONNECTION_UPDATED, clock.instant(), Map.of("i", i)));
        }

        assertThat(dispatch.dispatchDue()).isEqualTo(DispatchWebhooksService.BATCH);
        assertThat(dispatch.dispatchDue()).isEqualTo(5);
        assertThat(dispatch.dispatchDue()).isZero();
        assertThat(sender.sent()).extracting(s -> s.event().id()).doesNotHaveDuplicates().hasSize(DispatchWebhooksService.BATCH + 5);
    }

    @Test
    void on_a_stop_the_claimed_deliveries_not_sent_yet_are_given_back_due_at_once() {
        endpoint("https://api.acme.com/hook", "*");
        for (int i = 0; i < 3; i++) {
            store.append(Event.of(workspace, Event.CONNECTION_UPDATED, clock.instant(), Map.of("i", i)));
        }
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

        // The service starts stopping once the first delivery is sent.
        assertThat(dispatch.dispatchDue(() -> asked.getAndIncrement() > 0)).isEqualTo(3);

        assertThat(sender.sent()).hasSize(1);
        assertThat(dispatch.dispatchDue()).as("due at once, not after the lease").isEqualTo(2);
        assertThat(sender.sent()).extracting(s -> s.event().id()).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void only_endpoints_that_want_the_type_get_a_delivery() {
        endpoint("https://all.example/hook", "*");
        endpoint("https://created.example/hook", Event.CONNECTION_CREATED);
        endpoint("https://deleted.example/hook", Event.CONNECTION_DELETED);
        createWebhook.create(new CreateWebhookCommand(WorkspaceId.random(), "https://other-workspace.example/hook", List.of("*")));
        store.append(Event.of(workspace, Event.CONNECTION_CREATED, clock.instant(), Map.of()));

        dispatch.dispatchDue();

        assertThat(sender.sent()).extracting(s -> s.url().getHost()).containsExactlyInAnyOrder("all.example", "created.example");
    }

    @Test
    void the_secret_is_never_printed() {
        WebhookSecret secret = endpoint("https://api.acme.com/hook", "*").secret();

        assertThat(secret.toString()).doesNotContain(secret.reveal());
        assertThat(Optional.of(secret).toString()).doesNotContain(secret.reveal());
    }
}
