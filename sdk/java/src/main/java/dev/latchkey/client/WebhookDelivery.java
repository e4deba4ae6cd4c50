package dev.latchkey.client;

import java.time.Instant;

/**
 * One event's delivery to one endpoint.
 *
 * @param status           {@code pending}, {@code delivered} or {@code failed}
 * @param lastResponseCode your endpoint's last status, or null
 * @param nextAttemptAt    when pending: the next attempt
 */
public record WebhookDelivery(String id, String eventId, String type, String status, int attempts, Integer lastResponseCode,
                              String lastError, Instant nextAttemptAt, Instant deliveredAt, Instant createdAt) {
}
