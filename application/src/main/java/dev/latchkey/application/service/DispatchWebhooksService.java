package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DispatchWebhooksUseCase;
import dev.latchkey.application.port.out.ActivityRecorderPort;
import dev.latchkey.application.port.out.TraceSpan;
import dev.latchkey.application.port.out.TracerPort;
import dev.latchkey.application.port.out.WebhookDeliveryStorePort;
import dev.latchkey.application.port.out.WebhookDeliveryStorePort.Claimed;
import dev.latchkey.application.port.out.WebhookSenderPort;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.activity.ActivityKind;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.webhook.WebhookDelivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Delivers due webhook events, at least once. Each batch is claimed under a lease (committed at
 * once, so no database lock is held while an endpoint is called), sent, and its outcome recorded:
 * a 2xx is delivered; anything else is retried with exponential backoff (30 s doubling, at most
 * 1 h) until 24 h after the event, then failed. A crash mid-send leaves the delivery pending: it is
 * due again when its lease runs out, on whichever instance claims it first.
 */
public final class DispatchWebhooksService implements DispatchWebhooksUseCase {
    private static final System.Logger LOG = System.getLogger(DispatchWebhooksService.class.getName());
    /** Longer than the longest send (10 s to connect + 30 s to read). */
    static final Duration LEASE = Duration.ofMinutes(2);
    static final int BATCH = 20;

    private final WebhookDeliveryStorePort deliveries;
    private final WebhookSenderPort sender;
    private final Clock clock;
    private final ActivityRecorderPort activity;
    private final TracerPort tracer;

    public DispatchWebhooksService(WebhookDeliveryStorePort deliveries, WebhookSenderPort sender, Clock clock) {
        this(deliveries, sender, clock, recorded -> {
        });
    }

    /** @param activity where each delivery attempt is recorded */
    public DispatchWebhooksService(WebhookDeliveryStorePort deliveries, WebhookSenderPort sender, Clock clock, ActivityRecorderPort activity) {
        this(deliveries, sender, clock, activity, TracerPort.NONE);
    }

    /** @param tracer where each delivery attempt opens its span (README, "Traces") */
    public DispatchWebhooksService(WebhookDeliveryStorePort deliveries, WebhookSenderPort sender, Clock clock, ActivityRecorderPort activity,
                                   TracerPort tracer) {
        this.activity = activity;
        this.tracer = tracer;
        this.deliveries = deliveries;
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    public int dispatchDue(BooleanSupplier stopping) {
        Instant now = clock.instant();
        List<Claimed> claimed = deliveries.claimDue(now, now.plus(LEASE), BATCH);
        for (Claimed delivery : claimed) {
            if (stopping.getAsBoolean()) {
                // Another instance sends it at once, rather than when the lease runs out.
                deliveries.release(delivery, clock.instant());
            } else {
                send(delivery);
            }
        }
        return claimed.size();
    }

    private void send(Claimed delivery) {
        Instant started = clock.instant();
        WebhookSenderPort.Outcome outcome;
        try (TraceSpan span = tracer.start("webhook delivery", Map.of("latchkey.delivery_id", delivery.id().toString(),
                "latchkey.event_type", delivery.event().type(), "latchkey.attempt", String.valueOf(delivery.attempts() + 1)))) {
            outcome = attempt(delivery);
            outcome.status().ifPresent(status -> span.attribute("http.response.status_code", status));
            if (!outcome.delivered()) {
                span.failed("webhook_failed");
            }
        }
        Instant done = clock.instant();
        record(delivery, outcome, started, done);
        if (outcome.delivered()) {
            deliveries.delivered(delivery, outcome.status().orElseThrow(), outcome.responseExcerpt(), done);
            return;
        }
        int attempts = delivery.attempts() + 1;
        Optional<Instant> next = WebhookDelivery.retryAfterFailure(attempts, done, delivery.giveUpAt());
        String error = outcome.error().orElseGet(() -> "the endpoint answered " + outcome.status().orElse(0));
        deliveries.attemptFailed(delivery, outcome.status(), error, outcome.responseExcerpt(), next);
        if (next.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Webhook delivery {0} of event {1} failed for good after {2} attempts: {3}",
                    delivery.id(), delivery.event().id(), attempts, error);
        }
    }

    /** One attempt, for the activity log: the endpoint's status or why it was not reached. */
    private void record(Claimed delivery, WebhookSenderPort.Outcome outcome, Instant started, Instant done) {
        try {
            Activity.Builder record = Activity.of(started, delivery.event().workspaceId(), ActivityKind.WEBHOOK).method("POST")
                    .path(delivery.url().getRawPath()).duration(done.isAfter(started) ? java.time.Duration.between(started, done)
                            : java.time.Duration.ZERO);
            outcome.status().ifPresent(record::providerStatus);
            if (!outcome.delivered()) {
                record.problemCode("webhook_failed").error(outcome.error().orElse(null));
            }
            var data = delivery.event().data();
            if (data.get("linked_account_id") instanceof String account) {
                record.linkedAccount(new LinkedAccountId(account));
            }
            if (data.get("connector") instanceof String connector) {
                record.connector(new ConnectorSlug(connector));
            }
            if (data.get("connection_id") instanceof String connection) {
                record.connection(ConnectionId.parse(connection));
            }
            activity.record(record.build());
        } catch (RuntimeException e) {
            // Recording never fails the delivery it records.
        }
    }

    private WebhookSenderPort.Outcome attempt(Claimed delivery) {
        try {
            return sender.send(delivery.url(), delivery.event(), delivery.secret(), clock.instant());
        } catch (RuntimeException e) {
            return WebhookSenderPort.Outcome.unreachable("could not send (" + e.getClass().getSimpleName() + ")");
        }
    }
}
