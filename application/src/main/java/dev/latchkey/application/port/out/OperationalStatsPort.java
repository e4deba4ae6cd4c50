package dev.latchkey.application.port.out;

import dev.latchkey.domain.connection.ConnectionStatus;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Counts over every workspace, for the operator's metrics: no workspace, account or connection is
 * named, so tenancy has nothing to scope. Each call is one grouped query; callers poll it, never per
 * request.
 */
public interface OperationalStatsPort {
    /** How many connections there are in each status; a status with none may be absent. */
    Map<ConnectionStatus, Long> connectionsByStatus();

    /** The webhook deliveries waiting to be made (the outbox's depth) and when the oldest of them was created. */
    PendingDeliveries pendingDeliveries();

    record PendingDeliveries(long count, Optional<Instant> oldestCreatedAt) {
        public PendingDeliveries {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative");
            }
        }
    }
}
