package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryWebhooks;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.fakes.RecordingWebhookSender;
import dev.latchkey.application.port.in.CreateWebhookCommand;
import dev.latchkey.application.port.in.CreatedWebhookResult;
import dev.latchkey.application.port.out.WebhookSenderPort.Outcome;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.webhook.WebhookDelivery;
import dev.latchkey.domain.webhook.WebhookDeliveryId;
import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.webhook.WebhookSecret;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook services over one in-memory store: endpoints, their secrets and their deliveries. */
class WebhookServicesTest {
    private final MutableClock clock = MutableClock.at("2026-04-01T10:00:00Z");
    private final InMemoryWebhooks store = new InMemoryWebhooks();
    private final RecordingWebhookSender sender = new RecordingWebhookSender();
    private final CreateWebhookService createWebhook = new CreateWebhookService(store, sender, new SecureRandom(), clock);
    private final ListWebhooksService listWebhooks = new ListWebhooksService(store);
    private final DeleteWebhookService deleteWebhook = new DeleteWebhookService(store);
    private final RotateWebhookSecretService rotateWebhookSecret = new RotateWebhookSecretService(store, new SecureRandom());
    private final ListWebhookDeliveriesService listDeliveries = new ListWebhookDeliveriesService(store, store);
    private final RedeliverWebhookService redeliver = new RedeliverWebhookService(store, store, clock);
    private final DispatchWebhooksService dispatch = new DispatchWebhooksService(store, sender, clock);
    private final WorkspaceId workspace = WorkspaceId.random();

    private CreatedWebhookResult create(String url, String... events) {
        return createWebhook.create(new CreateWebhookCommand(workspace, url, List.of(events)));
    }

    private static List<String> violatedFields(Runnable action) {
        try {
            action.run();
        } catch (InvalidInputException e) {
            return e.violations().stream().map(FieldViolation::field).toList();
        }
        throw new AssertionError("expected an InvalidInputException");
    }

    @Test
    void create_stores_the_endpoint_and_shows_a_whsec_secret_once() {
        CreatedWebhookResult created = create("https://api.acme.com/latchkey/events", Event.CONNECTION_CREATED, Event.CONNECTION_EXPIRED);

        WebhookEndpoint endpoint = created.endpoint();
        assertThat(endpoint.workspaceId()).isEqualTo(workspace);
        assertThat(endpoint.url()).isEqualTo(URI.create("https://api.acme.com/latchkey/events"));
        assertThat(endpoint.events()).containsExactly(Event.CONNECTION_CREATED, Event.CONNECTION_EXPIRED);
        assertThat(endpoint.createdAt()).isEqualTo(clock.instant());
        String secret = created.secret().reveal();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
        assertThat(store.secret(endpoint.id())).contains(created.secret());
        assertThat(listWebhooks.list(workspace)).containsExactly(endpoint);
    }

    @Test
    void each_endpoint_gets_its_own_secret() {
        WebhookSecret first = create("https://a.example/hook", "*").secret();
        WebhookSecret second = create("https://b.example/hook", "*").secret();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void star_alone_means_every_event_type() {
        WebhookEndpoint endpoint = create("https://api.acme.com/hook", "*").endpoint();

        assertThat(endpoint.events()).containsExactly("*");
        for (String type : Event.TYPES) {
            assertThat(endpoint.wants(type)).as(type).isTrue();
        }
    }

    @Test
    void a_type_filter_wants_only_its_types() {
        WebhookEndpoint endpoint = create("https://api.acme.com/hook", Event.CONNECTION_DELETED).endpoint();

        assertThat(endpoint.wants(Event.CONNECTION_DELETED)).isTrue();
        assertThat(endpoint.wants(Event.CONNECTION_CREATED)).isFalse();
    }

    @Test
    void star_with_other_types_is_refused() {
        assertThat(violatedFields(() -> create("https://api.acme.com/hook", "*", Event.CONNECTION_CREATED))).containsExactly("events");
        assertThat(listWebhooks.list(workspace)).isEmpty();
    }

    @Test
    void unknown_or_missing_event_types_are_refused() {
        assertThat(violatedFields(() -> create("https://api.acme.com/hook", "connection.exploded"))).containsExactly("events");
        assertThat(violatedFields(() -> create("https://api.acme.com/hook"))).containsExactly("events");
        assertThat(listWebhooks.list(workspace)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "/relative/path", "ftp://files.acme.com/hook", "mailto:ops@acme.com", "https:///no-host",
            "https://user:pass@api.acme.com/hook", "https://api.acme.com/hook#frag", "api.acme.com/hook"})
    void a_url_that_is_not_an_absolute_web_url_without_credentials_or_fragment_is_refused(String url) {
        assertThat(violatedFields(() -> create(url, "*"))).containsExactly("url");
        assertThat(listWebhooks.list(workspace)).isEmpty();
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void a_url_longer_than_2048_characters_is_refused() {
        String url = "https://api.acme.com/" + "a".repeat(2048);

        assertThat(violatedFields(() -> create(url, "*"))).containsExactly("url");
    }

    @Test
    void a_url_the_outbound_guard_refuses_is_refused_with_its_reason() {
        sender.refuseHost("10.0.0.7", "resolves to a private address");

        assertThatThrownBy(() -> create("https://10.0.0.7/hook", "*"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation("url", "resolves to a private address")));
        assertThat(listWebhooks.list(workspace)).isEmpty();
    }

    @Test
    void a_bad_url_and_bad_events_are_reported_together() {
        assertThat(violatedFields(() -> create("ftp://x", "nope"))).containsExactlyInAnyOrder("url", "events");
    }

    @Test
    void listing_never_exposes_a_secret() {
        CreatedWebhookResult created = create("https://api.acme.com/hook", "*");

        List<WebhookEndpoint> listed = listWebhooks.list(workspace);

        assertThat(listed).hasSize(1);
        assertThat(listed.toString()).doesNotContain(created.secret().reveal()).doesNotContain("whsec_");
        assertThat(created.secret().toString()).doesNotContain(created.secret().reveal());
        // a WebhookEndpoint has no secret component at all
        assertThat(WebhookEndpoint.class.getRecordComponents()).noneMatch(c -> c.getType() == WebhookSecret.class);
    }

    @Test
    void listing_shows_only_the_workspace_s_own_endpoints_oldest_first() {
        WebhookEndpoint first = create("https://a.example/hook", "*").endpoint();
        clock.advance(Duration.ofSeconds(1));
        WebhookEndpoint second = create("https://b.example/hook", "*").endpoint();
        createWebhook.create(new CreateWebhookCommand(WorkspaceId.random(), "https://other.example/hook", List.of("*")));

        assertThat(listWebhooks.list(workspace)).containsExactly(first, second);
    }

    @Test
    void rotating_the_secret_replaces_it_and_shows_the_new_one_once() {
        CreatedWebhookResult created = create("https://api.acme.com/hook", "*");

        CreatedWebhookResult rotated = rotateWebhookSecret.rotateSecret(workspace, created.endpoint().id());

        assertThat(rotated.endpoint()).isEqualTo(created.endpoint());
        assertThat(rotated.secret().reveal()).startsWith("whsec_");
        assertThat(rotated.secret()).isNotEqualTo(created.secret());
        assertThat(store.secret(created.endpoint().id())).contains(rotated.secret());
    }

    @Test
    void deliveries_after_a_rotation_are_signed_with_the_new_secret() {
        CreatedWebhookResult created = create("https://api.acme.com/hook", "*");
        WebhookSecret rotated = rotateWebhookSecret.rotateSecret(workspace, created.endpoint().id()).secret();
        store.append(Event.of(workspace, Event.CONNECTION_CREATED, clock.instant(), Map.of()));

        dispatch.dispatchDue();

        assertThat(sender.sent()).singleElement().satisfies(s -> assertThat(s.secret()).isEqualTo(rotated));
    }

    @Test
    void delete_removes_the_endpoint_and_its_deliveries() {
        WebhookEndpoint endpoint = create("https://api.acme.com/hook", "*").endpoint();
        store.append(Event.of(workspace, Event.CONNECTION_CREATED, clock.instant(), Map.of()));

        deleteWebhook.delete(workspace, endpoint.id());

        assertThat(listWebhooks.list(workspace)).isEmpty();
        assertThat(store.deliveryCount()).isZero();
        assertThatThrownBy(() -> deleteWebhook.delete(workspace, endpoint.id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("webhook_not_found"));
    }

    @Test
    void another_workspace_s_endpoint_is_not_found_for_every_operation() {
        WebhookEndpoint endpoint = create("https://api.acme.com/hook", "*").endpoint();
        WebhookDeliveryId delivery = store.append(Event.of(workspace, Event.CONNECTION_CREATED, clock.instant(), Map.of())).getFirst();
        WorkspaceId other = WorkspaceId.random();
        WebhookSecret before = store.secret(endpoint.id()).orElseThrow();

        assertNotFound(() -> deleteWebhook.delete(other, endpoint.id()), "webhook_not_found");
        assertNotFound(() -> rotateWebhookSecret.rotateSecret(other, endpoint.id()), "webhook_not_found");
        assertNotFound(() -> listDeliveries.deliveries(other, endpoint.id()), "webhook_not_found");
        assertNotFound(() -> redeliver.redeliver(other, endpoint.id(), delivery), "webhook_not_found");

        assertThat(listWebhooks.list(other)).isEmpty();
        assertThat(listWebhooks.list(workspace)).containsExactly(endpoint);
        assertThat(store.secret(endpoint.id())).contains(before);
        assertThat(store.deliveryCount()).isEqualTo(1);
    }

    @Test
    void an_unknown_endpoint_or_delivery_is_not_found() {
        WebhookEndpoint endpoint = create("https://api.acme.com/hook", "*").endpoint();

        assertNotFound(() -> rotateWebhookSecret.rotateSecret(workspace, WebhookEndpointId.random()), "webhook_not_found");
        assertNotFound(() -> redeliver.redeliver(workspace, endpoint.id(), WebhookDeliveryId.random()), "webhook_delivery_not_found");
    }

    @Test
    void a_delivery_of_another_endpoint_of_the_same_workspace_is_not_found() {
        WebhookEndpoint a = create("https://a.example/hook", "*").endpoint();
        WebhookEndpoint b = create("https://b.example/hook", Event.CONFIG_UPDATED).endpoint();
        WebhookDeliveryId ofA = store.append(Event.of(workspace, Event.CONNECTION_CREATED, clock.instant(), Map.of())).getFirst();

        assertNotFound(() -> redeliver.redeliver(workspace, b.id(), ofA), "webhook_delivery_not_found");
        assertThat(listDeliveries.deliveries(workspace, a.id())).extracting(WebhookDelivery::id).containsExactly(ofA);
        assertThat(listDeliveries.deliveries(workspace, b.id())).isEmpty();
    }

    @Test
    void redeliver_makes_a_failed_delivery_pending_and_due_now_with_a_fresh_24_hour_window() {
        WebhookEndpoint endpoint = create("https://api.acme.com/hook", "*").endpoint();
        Instant eventAt = clock.instant();
        WebhookDeliveryId id = store.append(Event.of(workspace, Event.CONNECTION_EXPIRED, eventAt, Map.of())).getFirst();
        sender.answer(Outcome.answered(500));
        clock.advance(Duration.ofHours(25));
        dispatch.dispatchDue();
        assertThat(store.delivery(id).status()).isEqualTo(WebhookDelivery.Status.FAILED);
        clock.advance(Duration.ofHours(1));
        Instant now = clock.instant();

        WebhookDelivery redelivered = redeliver.redeliver(workspace, endpoint.id(), id);

        assertThat(redelivered.status()).isEqualTo(WebhookDelivery.Status.PENDING);
        assertThat(redelivered.nextAttemptAt()).contains(now);
        // due now: the next dispatch sends it, and its retries run for 24 h from the request
        sender.answer(Outcome.answered(503));
        assertThat(dispatch.dispatchDue()).isEqualTo(1);
        assertThat(store.delivery(id).status()).isEqualTo(WebhookDelivery.Status.PENDING);
        assertThat(store.delivery(id).nextAttemptAt()).contains(now.plus(WebhookDelivery.backoff(2)));
        assertThat(sender.sent()).hasSize(2).allSatisfy(s -> assertThat(s.event().createdAt()).isEqualTo(eventAt));
    }

    @Test
    void deliveries_lists_the_endpoint_s_deliveries_newest_first() {
        WebhookEndpoint endpoint = create("https://api.acme.com/hook", "*").endpoint();
        WebhookDeliveryId older = store.append(Event.of(workspace, Event.CONNECTION_CREATED, clock.instant(), Map.of())).getFirst();
        clock.advance(Duration.ofMinutes(1));
        WebhookDeliveryId newer = store.append(Event.of(workspace, Event.CONNECTION_DELETED, clock.instant(), Map.of())).getFirst();

        assertThat(listDeliveries.deliveries(workspace, endpoint.id())).extracting(WebhookDelivery::id).containsExactly(newer, older);
    }

    private static void assertNotFound(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
