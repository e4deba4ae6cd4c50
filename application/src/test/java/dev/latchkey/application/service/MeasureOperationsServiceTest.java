package dev.latchkey.application.service;

import dev.latchkey.application.port.in.OperationsSnapshot;
import dev.latchkey.application.port.out.OperationalStatsPort;
import dev.latchkey.domain.connection.ConnectionStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MeasureOperationsServiceTest {
    private final Instant now = Instant.parse("2026-12-05T04:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    private static OperationalStatsPort stats(Map<ConnectionStatus, Long> connections, long pending, Instant oldest) {
        return new OperationalStatsPort() {
            @Override
            public Map<ConnectionStatus, Long> connectionsByStatus() {
                return connections;
            }

            @Override
            public PendingDeliveries pendingDeliveries() {
                return new PendingDeliveries(pending, Optional.ofNullable(oldest));
            }
        };
    }

    @Test
    void the_oldest_pending_delivery_has_waited_since_it_was_created() {
        OperationsSnapshot snapshot = new MeasureOperationsService(
                stats(Map.of(ConnectionStatus.ACTIVE, 3L), 2, now.minusSeconds(90)), clock).measure();
        assertThat(snapshot.pendingDeliveries()).isEqualTo(2);
        assertThat(snapshot.oldestPendingAge()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void every_status_is_counted_even_when_no_connection_has_it() {
        OperationsSnapshot snapshot = new MeasureOperationsService(stats(Map.of(ConnectionStatus.EXPIRED, 1L), 0, null), clock).measure();
        assertThat(snapshot.connectionsByStatus()).containsExactlyInAnyOrderEntriesOf(
                Map.of(ConnectionStatus.ACTIVE, 0L, ConnectionStatus.EXPIRED, 1L, ConnectionStatus.REVOKED, 0L));
        assertThat(snapshot.oldestPendingAge()).isZero();
    }

    @Test
    void a_delivery_stamped_by_a_clock_ahead_of_ours_has_not_waited() {
        OperationsSnapshot snapshot = new MeasureOperationsService(stats(Map.of(), 1, now.plusSeconds(5)), clock).measure();
        assertThat(snapshot.oldestPendingAge()).isZero();
    }
}
