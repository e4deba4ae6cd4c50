package dev.latchkey.application.port.out;

import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.webhook.WebhookDelivery;
import dev.latchkey.domain.webhook.WebhookDeliveryId;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.webhook.WebhookSecret;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The deliveries of outbox events to endpoints (one per event and matching endpoint, created when
 * the event is appended). Several instances share the work: a due delivery is claimed under a
 * lease in a short transaction of its own, sent without any lock held, and its outcome recorded
 * only by the holder of the lease.
 */
public interface WebhookDeliveryStorePort {
    /** An endpoint's deliveries, newest first. */
    List<WebhookDelivery> listByEndpoint(WorkspaceId workspaceId, WebhookEndpointId endpointId, int limit);

    Optional<WebhookDelivery> find(WorkspaceId workspaceId, WebhookEndpointId endpointId, WebhookDeliveryId id);

    /** Pending again, due at {@code now}, retried until {@code giveUpAt}; false when there is no such delivery. */
    boolean reschedule(WorkspaceId workspaceId, WebhookEndpointId endpointId, WebhookDeliveryId id, Instant now, Instant giveUpAt);

    /**
     * Claims up to {@code limit} pending deliveries due at {@code now} (rows other instances hold are
     * skipped) and leases them until {@code leaseUntil}: not due again before then, so a crash mid-send
     * only delays the delivery. Commits before returning.
     */
    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit);

    /** Gives back a delivery not attempted after all (the service is stopping): due again at {@code dueAt}; ignored when the lease was lost. */
    void release(Claimed claimed, Instant dueAt);

    /** Records a 2xx without an answer to show; ignored when the lease was lost. */
    default void delivered(Claimed claimed, int statusCode, Instant now) {
        delivered(claimed, statusCode, Optional.empty(), now);
    }

    /** Records a 2xx and the start of the endpoint's answer (replacing the last one's, or clearing it); ignored when the lease was lost. */
    void delivered(Claimed claimed, int statusCode, Optional<String> responseExcerpt, Instant now);

    /**
     * Forgets events created before {@code cutoff}, with their deliveries, unless a delivery of theirs
     * is still pending (a redelivery asked for late). Returns how many events were forgotten.
     */
    int purgeEventsBefore(Instant cutoff);

    /** Records a failed attempt without an answer to show: retried at {@code nextAttemptAt}, or failed for good when it is empty. Ignored when the lease was lost. */
    default void attemptFailed(Claimed claimed, Optional<Integer> statusCode, String error, Optional<Instant> nextAttemptAt) {
        attemptFailed(claimed, statusCode, error, Optional.empty(), nextAttemptAt);
    }

    /** Records a failed attempt with the start of the endpoint's answer, if it answered (replacing the last one's, or clearing it). */
    void attemptFailed(Claimed claimed, Optional<Integer> statusCode, String error, Optional<String> responseExcerpt,
                       Optional<Instant> nextAttemptAt);

    /** A delivery leased to this caller, with what it takes to send it. */
    record Claimed(WebhookDeliveryId id, UUID lease, Event event, URI url, WebhookSecret secret, int attempts, Instant giveUpAt) {
        public Claimed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(giveUpAt, "giveUpAt");
        }
    }
}
