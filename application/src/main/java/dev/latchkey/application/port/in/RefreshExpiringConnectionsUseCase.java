package dev.latchkey.application.port.in;

public interface RefreshExpiringConnectionsUseCase {
    /**
     * Refreshes up to {@code limit} connections whose token expires soon (or whose retry is due), so
     * idle connections do not die. Several instances may run it at once: each claims different rows.
     *
     * @return how many connections were claimed
     */
    int refreshDue(int limit);
}
