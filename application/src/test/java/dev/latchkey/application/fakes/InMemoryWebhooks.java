package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.WebhookDeliveryStorePort;
import dev.latchkey.application.port.out.WebhookEndpointStorePort;
import dev.latchkey.domain.event.Event;
import dev.latchkey.domain.webhook.WebhookDelivery;
import dev.latchkey.domain.webhook.WebhookDelivery.Status;
import dev.latchkey.domain.webhook.WebhookDeliveryId;
import dev.latchkey.domain.webhook.WebhookEndpoint;
import dev.latchkey.domain.webhook.WebhookEndpointId;
import dev.latchkey.domain.webhook.WebhookSecret;
import dev.latchkey.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhook endpoints and their deliveries in memory, with the adapter's rules: {@link #append} fans an
 * event out to the workspace's matching endpoints, a claim leases a delivery (not due again before the
 * lease ends), and only the lease holder's outcome is recorded.
 */
public final class InMemoryWebhooks implements WebhookEndpointStorePort, WebhookDeliveryStorePort {
    private final Map<WebhookEndpointId, WebhookEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<WebhookEndpointId, WebhookSecret> secrets = new LinkedHashMap<>();
    private final Map<WebhookDeliveryId, Row> deliveries = new LinkedHashMap<>();

    private static final class Row {
        WebhookDeliveryId id;
        WebhookEndpointId endpointId;
        Event event;
        Status status = Status.PENDING;
        int attempts;
        Instant nextAttemptAt;
        Instant giveUpAt;
        UUID lease;
        Integer lastStatusCode;
        String lastError;
        Instant deliveredAt;
        Instant createdAt;
        String lastResponseExcerpt;

        WebhookDelivery view() {
            return new WebhookDelivery(id, endpointId, event.id(), event.type(), status, attempts, Optional.ofNullable(nextAttemptAt),
                    Optional.ofNullable(lastStatusCode), Optional.ofNullable(lastError), Optional.ofNullable(deliveredAt), createdAt,
                    Optional.ofNullable(lastResponseExcerpt));
        }
    }

    // --- the outbox, as the persistence adapter does it ---

    /** Creates one pending delivery, due at the event's time, per matching endpoint of the event's workspace. */
    public synchronized List<WebhookDeliveryId> append(Event event) {
        List<WebhookDeliveryId> created = new ArrayList<>();
        for (WebhookEndpoint endpoint : endpoints.values()) {
            if (endpoint.workspaceId().equals(event.workspaceId()) && endpoint.wants(event.type())) {
                Row row = new Row();
                row.id = WebhookDeliveryId.random();
                row.endpointId = endpoint.id();
                row.event = event;
                row.nextAttemptAt = event.createdAt();
                row.giveUpAt = event.createdAt().plus(WebhookDelivery.RETRY_WINDOW);
                row.createdAt = event.createdAt();
                deliveries.put(row.id, row);
                created.add(row.id);
            }
        }
        return created;
    }

    public synchronized Optional<WebhookSecret> secret(WebhookEndpointId id) {
        return Optional.ofNullable(secrets.get(id));
    }

    public synchronized WebhookDelivery delivery(WebhookDeliveryId id) {
        return deliveries.get(id).view();
    }

    public synchronized int deliveryCount() {
        return deliveries.size();
    }

    // --- endpoints ---

    @Override
    public synchronized void insert(WebhookEndpoint endpoint, WebhookSecret secret) {
        endpoints.put(endpoint.id(), endpoint);
        secrets.put(endpoint.id(), secret);
    }

    @Override
    public synchronized List<WebhookEndpoint> list(WorkspaceId workspaceId) {
        return endpoints.values().stream().filter(e -> e.workspaceId().equals(workspaceId)).toList();
    }

    @Override
    public synchronized Optional<WebhookEndpoint> find(WorkspaceId workspaceId, WebhookEndpointId id) {
        return Optional.ofNullable(endpoints.get(id)).filter(e -> e.workspaceId().equals(workspaceId));
    }

    @Override
    public synchronized boolean delete(WorkspaceId workspaceId, WebhookEndpointId id) {
        if (find(workspaceId, id).isEmpty()) {
            return false;
        }
        endpoints.remove(id);
        secrets.remove(id);
        deliveries.values().removeIf(row -> row.endpointId.equals(id));
        return true;
    }

    @Override
    public synchronized boolean replaceSecret(WorkspaceId workspaceId, WebhookEndpointId id, WebhookSecret secret) {
        if (find(workspaceId, id).isEmpty()) {
            return false;
        }
        secrets.put(id, secret);
        return true;
    }

    // --- deliveries ---

    private Optional<Row> row(WorkspaceId workspaceId, WebhookEndpointId endpointId, WebhookDeliveryId id) {
        return Optional.ofNullable(deliveries.get(id))
                .filter(row -> row.endpointId.equals(endpointId))
                .filter(row -> find(workspaceId, endpointId).isPresent());
    }

    @Override
    public synchronized List<WebhookDelivery> listByEndpoint(WorkspaceId workspaceId, WebhookEndpointId endpointId, int limit) {
        if (find(workspaceId, endpointId).isEmpty()) {
            return List.of();
        }
        return deliveries.values().stream().filter(row -> row.endpointId.equals(endpointId))
                .sorted(Comparator.comparing((Row row) -> row.createdAt).reversed())
                .limit(limit).map(Row::view).toList();
    }

    @Override
    public synchronized Optional<WebhookDelivery> find(WorkspaceId workspaceId, WebhookEndpointId endpointId, WebhookDeliveryId id) {
        return row(workspaceId, endpointId, id).map(Row::view);
    }

    @Override
    public synchronized boolean reschedule(WorkspaceId workspaceId, WebhookEndpointId endpointId, WebhookDeliveryId id, Instant now,
                                           Instant giveUpAt) {
        Optional<Row> found = row(workspaceId, endpointId, id);
        found.ifPresent(row -> {
            row.status = Status.PENDING;
            row.nextAttemptAt = now;
            row.giveUpAt = giveUpAt;
            row.lease = null;
        });
        return found.isPresent();
    }

    @Override
    public synchronized List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<Claimed> claimed = new ArrayList<>();
        deliveries.values().stream()
                .filter(row -> row.status == Status.PENDING && !row.nextAttemptAt.isAfter(now))
                .sorted(Comparator.comparing((Row row) -> row.nextAttemptAt))
                .limit(limit)
                .forEach(row -> {
                    row.lease = UUID.randomUUID();
                    row.nextAttemptAt = leaseUntil;
                    claimed.add(new Claimed(row.id, row.lease, row.event, endpoints.get(row.endpointId).url(), secrets.get(row.endpointId),
                            row.attempts, row.giveUpAt));
                });
        return claimed;
    }

    private Optional<Row> held(Claimed claimed) {
        return Optional.ofNullable(deliveries.get(claimed.id())).filter(row -> claimed.lease().equals(row.lease));
    }

    @Override
    public synchronized int purgeEventsBefore(Instant cutoff) {
        java.util.Set<String> pending = new java.util.HashSet<>();
        java.util.Set<String> old = new java.util.HashSet<>();
        for (Row row : deliveries.values()) {
            if (row.status == Status.PENDING) {
                pending.add(row.event.id());
            } else if (row.event.createdAt().isBefore(cutoff)) {
                old.add(row.event.id());
            }
        }
        old.removeAll(pending);
        deliveries.values().removeIf(row -> old.contains(row.event.id()));
        return old.size();
    }

    @Override
    public synchronized void release(Claimed claimed, Instant dueAt) {
        held(claimed).ifPresent(row -> {
            row.nextAttemptAt = dueAt;
            row.lease = null;
        });
    }

    @Override
    public synchronized void delivered(Claimed claimed, int statusCode, Optional<String> responseExcerpt, Instant now) {
        held(claimed).ifPresent(row -> {
            row.lastResponseExcerpt = responseExcerpt.orElse(null);
            row.status = Status.DELIVERED;
            row.attempts++;
            row.lastStatusCode = statusCode;
            row.lastError = null;
            row.deliveredAt = now;
            row.nextAttemptAt = null;
            row.lease = null;
        });
    }

    @Override
    public synchronized void attemptFailed(Claimed claimed, Optional<Integer> statusCode, String error, Optional<String> responseExcerpt,
                                           Optional<Instant> nextAttemptAt) {
        held(claimed).ifPresent(row -> {
            row.lastResponseExcerpt = responseExcerpt.orElse(null);
            row.status = nextAttemptAt.isPresent() ? Status.PENDING : Status.FAILED;
            row.attempts++;
            row.lastStatusCode = statusCode.orElse(null);
            row.lastError = error;
            row.nextAttemptAt = nextAttemptAt.orElse(null);
            row.lease = null;
        });
    }
}
