package dev.latchkey.adapters.connectors.http;

import dev.latchkey.domain.connection.ProviderException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides whether Latchkey may send a request to a URI: a workspace's private connector or a webhook
 * must not become a way into the operator's network. Refuses plain {@code http}, every address of
 * the special-purpose registries that is not globally reachable ({@link SpecialPurposeAddresses}:
 * loopback, private, link-local and cloud metadata, CGNAT, documentation, benchmarking, reserved,
 * multicast, broadcast, Teredo, NAT64 local-use, and IPv6 forms carrying such an IPv4 address) and
 * every address of this machine's own interfaces, unless the operator set
 * {@code LATCHKEY_ALLOW_PRIVATE_NETWORK=true}.
 *
 * <p>It is also the one resolver of every outbound client: {@link #resolve(String)} looks the name up
 * once and answers only checked addresses, and the clients connect to exactly those (the guarded
 * HTTP client through its DNS hook, the proxy through {@link #check(URI)}). Nothing resolves the name
 * a second time, so a DNS answer that changes in between (rebinding) cannot slip past. Redirects are
 * never followed, so every hop passes here.
 */
@Singleton
public final class OutboundGuard {
    /** The setting that lifts the refusals, as operators write it. */
    public static final String ALLOW_SETTING = "LATCHKEY_ALLOW_PRIVATE_NETWORK=true";

    private static final Set<String> BLOCKED_NAMES = Set.of("metadata.google.internal", "metadata");

    private final boolean allowPrivateNetwork;
    private final Resolver resolver;
    private final Supplier<Set<InetAddress>> ownAddresses;
    private final Set<InetAddress> exempt;

    @Inject
    public OutboundGuard(@Value("${latchkey.allow-private-network:false}") boolean allowPrivateNetwork) {
        this(allowPrivateNetwork, InetAddress::getAllByName);
    }

    OutboundGuard(boolean allowPrivateNetwork, Resolver resolver) {
        this(allowPrivateNetwork, resolver, new OwnAddresses(Clock.systemUTC(), Duration.ofSeconds(30)), Set.of());
    }

    /**
     * @param ownAddresses this machine's addresses, refused like loopback
     * @param exempt       addresses allowed whatever the registry says: only tests pass any, for their stub
     *                     servers on loopback
     */
    OutboundGuard(boolean allowPrivateNetwork, Resolver resolver, Supplier<Set<InetAddress>> ownAddresses, Set<InetAddress> exempt) {
        this.allowPrivateNetwork = allowPrivateNetwork;
        this.resolver = resolver;
        this.ownAddresses = ownAddresses;
        this.exempt = Set.copyOf(exempt);
    }

    public boolean allowsPrivateNetwork() {
        return allowPrivateNetwork;
    }

    /**
     * Throws {@link ProviderException} (UNAVAILABLE) when the request must not be sent; otherwise
     * answers the addresses the host resolved to, every one of them allowed. Connect to these, never
     * to the host name.
     */
    public List<InetAddress> check(URI uri) {
        checkUrl(uri);
        return resolve(uri.getHost());
    }

    /** The checks that need no name resolution: an http(s) URL with a host, https unless allowed, no metadata name. */
    public void checkUrl(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw ProviderException.unavailable("refused a request to a URL without a host");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && allowPrivateNetwork)) {
            throw ProviderException.unavailable("refused a request to " + host + ": only https is allowed"
                    + (scheme.equals("http") ? " (plain http needs " + ALLOW_SETTING + ")" : ""));
        }
        if (!allowPrivateNetwork && BLOCKED_NAMES.contains(name(host))) {
            throw refused(host, "a cloud metadata endpoint");
        }
    }

    /**
     * Looks the host up once and answers its addresses, every one of them allowed; throws
     * {@link ProviderException} (UNAVAILABLE) when it does not resolve or any address is refused.
     */
    public List<InetAddress> resolve(String host) {
        String name = name(host);
        if (!allowPrivateNetwork && BLOCKED_NAMES.contains(name)) {
            throw refused(host, "a cloud metadata endpoint");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw ProviderException.unavailable("could not resolve " + host);
        }
        if (addresses.length == 0) {
            throw ProviderException.unavailable("could not resolve " + host);
        }
        if (!allowPrivateNetwork) {
            for (InetAddress address : addresses) {
                forbidden(address).ifPresent(why -> {
                    throw refused(host, why);
                });
            }
        }
        return List.of(addresses);
    }

    /** Why an address must not be reached, or empty when it may (the private-network setting aside). */
    Optional<String> forbidden(InetAddress address) {
        InetAddress bare = OwnAddresses.withoutScope(address);
        if (exempt.contains(bare)) {
            return Optional.empty();
        }
        Optional<String> special = SpecialPurposeAddresses.forbidden(bare);
        if (special.isPresent()) {
            return special;
        }
        return ownAddresses.get().contains(bare) ? Optional.of("an address of this machine's own network interfaces") : Optional.empty();
    }

    private static ProviderException refused(String host, String why) {
        return ProviderException.unavailable("refused a request to " + host + ": it is " + why
                + "; set " + ALLOW_SETTING + " only for single-tenant or local setups");
    }

    private static String name(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        name = name.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }
}
