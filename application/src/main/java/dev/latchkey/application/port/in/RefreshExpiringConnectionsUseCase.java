package dev.latchkey.application.port.in;

import java.util.function.BooleanSupplier;

public interface RefreshExpiringConnectionsUseCase {
    /**
     * Refreshes up to {@code limit} connections whose token expires soon (or whose retry is due), so
     * idle connections do not die. Several instances may run it at once: each claims different rows.
     * Once {@code stopping} says so (the service is shutting down), the connections claimed but not
     * refreshed yet are given back, due at once for another instance, instead of waiting out their lease.
     *
     * @return how many connections were claimed
     */
    int refreshDue(int limit, BooleanSupplier stopping);

    /** {@link #refreshDue(int, BooleanSupplier)} without stopping early. */
    default int refreshDue(int limit) {
        return refreshDue(limit, () -> false);
    }
}
