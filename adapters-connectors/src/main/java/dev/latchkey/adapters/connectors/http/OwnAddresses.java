package dev.latchkey.adapters.connectors.http;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The addresses of this machine's own network interfaces (a public address of the host reaches its
 * own services as surely as 127.0.0.1 does). Listing the interfaces takes a few milliseconds, so the
 * list is read again at most every {@code refreshEvery}: an address added later is refused from then on.
 */
final class OwnAddresses implements Supplier<Set<InetAddress>> {
    private final Clock clock;
    private final Duration refreshEvery;
    private final Supplier<Set<InetAddress>> lister;
    private Set<InetAddress> current = Set.of();
    private Instant readAt = Instant.MIN;

    OwnAddresses(Clock clock, Duration refreshEvery) {
        this(clock, refreshEvery, OwnAddresses::list);
    }

    OwnAddresses(Clock clock, Duration refreshEvery, Supplier<Set<InetAddress>> lister) {
        this.clock = clock;
        this.refreshEvery = refreshEvery;
        this.lister = lister;
    }

    @Override
    public synchronized Set<InetAddress> get() {
        Instant now = clock.instant();
        if (readAt == Instant.MIN || !now.isBefore(readAt.plus(refreshEvery))) {
            current = lister.get();
            readAt = now;
        }
        return current;
    }

    /** Every address of every interface, up or down; none when the JVM may not list them. */
    static Set<InetAddress> list() {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses)
                    .forEach(address -> addresses.add(withoutScope(address)));
        } catch (SocketException e) {
            return Set.of();
        }
        return Set.copyOf(addresses);
    }

    /** The bare address (no interface scope, no name), so that it equals the same address resolved from DNS. */
    static InetAddress withoutScope(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("an interface address has 4 or 16 bytes", e);
        }
    }
}
