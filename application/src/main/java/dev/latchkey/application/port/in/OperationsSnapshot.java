package dev.latchkey.application.port.in;

import dev.latchkey.domain.connection.ConnectionStatus;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * @param connectionsByStatus every status, zero when there is none
 * @param pendingDeliveries   webhook deliveries waiting in the outbox
 * @param oldestPendingAge    how long the oldest of them has waited; zero when none waits
 */
public record OperationsSnapshot(Map<ConnectionStatus, Long> connectionsByStatus, long pendingDeliveries, Duration oldestPendingAge) {
    public OperationsSnapshot {
        Objects.requireNonNull(oldestPendingAge, "oldestPendingAge");
        EnumMap<ConnectionStatus, Long> all = new EnumMap<>(ConnectionStatus.class);
        for (ConnectionStatus status : ConnectionStatus.values()) {
            all.put(status, connectionsByStatus.getOrDefault(status, 0L));
        }
        connectionsByStatus = Map.copyOf(all);
    }
}
