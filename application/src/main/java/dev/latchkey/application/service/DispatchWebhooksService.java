package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DispatchWebhooksUseCase;
import dev.latchkey.application.port.out.WebhookDeliveryStorePort;
import dev.latchkey.application.port.out.WebhookDeliveryStorePort.Claimed;
import dev.latchkey.application.port.out.WebhookSenderPort;
import dev.latchkey.domain.webhook.WebhookDelivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    public DispatchWebhooksService(WebhookDeliveryStorePort deliveries, WebhookSenderPort sender, Clock clock) {
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
        WebhookSenderPort.Outcome outcome = attempt(delivery);
        Instant done = clock.instant();
        if (outcome.delivered()) {
            deliveries.delivered(delivery, outcome.status().orElseThrow(), done);
            return;
        }
        int attempts = delivery.attempts() + 1;
        Optional<Instant> next = WebhookDelivery.retryAfterFailure(attempts, done, delivery.giveUpAt());
        String error = outcome.error().orElseGet(() -> "the endpoint answered " + outcome.status().orElse(0));
        deliveries.attemptFailed(delivery, outcome.status(), error, next);
        if (next.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Webhook delivery {0} of event {1} failed for good after {2} attempts: {3}",
                    delivery.id(), delivery.event().id(), attempts, error);
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
