package dev.latchkey.application.service;

import dev.latchkey.application.port.in.RefreshExpiringConnectionsUseCase;
import dev.latchkey.application.port.out.ConnectionStorePort;
import dev.latchkey.application.port.out.TransactionPort;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Keeps idle connections alive: claims connections whose token expires within the window (or whose
 * retry is due) with {@code FOR UPDATE SKIP LOCKED} and a lease, so instances running at once share
 * the work, then refreshes each one through the same locked path requests use.
 */
public final class RefreshExpiringConnectionsService implements RefreshExpiringConnectionsUseCase {
    private static final System.Logger LOG = System.getLogger(RefreshExpiringConnectionsService.class.getName());

    private final ConnectionStorePort connections;
    private final TransactionPort transactions;
    private final RefreshTokenService refresher;
    private final Clock clock;
    private final Duration window;
    private final Duration lease;

    /**
     * @param window how long before expiry a token is refreshed in the background (at least the connector's margin)
     * @param lease  how long a claim keeps other instances off a connection; longer than a refresh takes
     */
    public RefreshExpiringConnectionsService(ConnectionStorePort connections, TransactionPort transactions, RefreshTokenService refresher,
                                             Clock clock, Duration window, Duration lease) {
        this.connections = connections;
        this.transactions = transactions;
        this.refresher = refresher;
        this.clock = clock;
        this.window = window;
        this.lease = lease;
    }

    @Override
    public int refreshDue(int limit, BooleanSupplier stopping) {
        Instant now = clock.instant();
        List<ConnectionStorePort.Due> due = transactions.inTransaction(
                () -> connections.claimDueForRefresh(now, now.plus(window), now.plus(lease), limit));
        for (int i = 0; i < due.size(); i++) {
            ConnectionStorePort.Due connection = due.get(i);
            if (stopping.getAsBoolean()) {
                // Another instance takes these over at once, rather than when the lease runs out.
                List<ConnectionStorePort.Due> left = due.subList(i, due.size());
                transactions.inTransaction(() -> connections.releaseRefreshClaims(left, now.plus(lease), clock.instant()));
                break;
            }
            try {
                refresher.refreshInBackground(connection, window);
            } catch (RuntimeException e) {
                // One broken connection (its connector deleted, say) must not stop the others; its lease ends and it is tried again.
                LOG.log(System.Logger.Level.WARNING, "Background refresh of connection {0} failed: {1}", connection.id(),
                        Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()));
            }
        }
        return due.size();
    }
}
