package dev.latchkey.application.port.in;

public interface PurgeOldWebhookEventsUseCase {
    /** Forgets events (and their deliveries) older than the retention period, 30 days; returns how many. */
    int purge();
}
