package dev.latchkey.adapters.connectors.http;

import dev.latchkey.domain.connection.ProviderException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether Latchkey may send a request to a URI: a workspace's private connector must not
 * become a way into the operator's network. Refuses plain {@code http}, loopback, private,
 * link-local (cloud metadata), carrier-grade NAT, unique-local and multicast addresses unless the
 * operator set {@code latchkey.allow-private-network=true}.
 *
 * <p>The proxy connects to the addresses checked here. The JDK client used for tokens, verification
 * and webhooks resolves the host again, so for those a DNS answer that changes in between
 * (rebinding) is not caught; redirects are never followed, so every hop passes here.
 */
@Singleton
public final class OutboundGuard {
    private static final Set<String> BLOCKED_NAMES = Set.of("metadata.google.internal", "metadata");

    private final boolean allowPrivateNetwork;
    private final Resolver resolver;

    @Inject
    public OutboundGuard(@Value("${latchkey.allow-private-network:false}") boolean allowPrivateNetwork) {
        this(allowPrivateNetwork, InetAddress::getAllByName);
    }

    OutboundGuard(boolean allowPrivateNetwork, Resolver resolver) {
        this.allowPrivateNetwork = allowPrivateNetwork;
        this.resolver = resolver;
    }

    public boolean allowsPrivateNetwork() {
        return allowPrivateNetwork;
    }

    /**
     * Throws {@link ProviderException} (UNAVAILABLE) when the request must not be sent; otherwise
     * answers the addresses the host resolved to, every one of them allowed.
     */
    public List<InetAddress> check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw ProviderException.unavailable("refused a request to a URL without a host");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && allowPrivateNetwork)) {
            throw ProviderException.unavailable("refused a request to " + host + ": only https is allowed"
                    + (scheme.equals("http") ? " (plain http needs latchkey.allow-private-network=true)" : ""));
        }
        String name = stripBrackets(host).toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!allowPrivateNetwork && BLOCKED_NAMES.contains(name)) {
            throw refused(host, "a cloud metadata endpoint");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw ProviderException.unavailable("could not resolve " + host);
        }
        if (!allowPrivateNetwork) {
            for (InetAddress address : addresses) {
                String why = forbidden(address);
                if (why != null) {
                    throw refused(host, why);
                }
            }
        }
        return List.of(addresses);
    }

    private static ProviderException refused(String host, String why) {
        return ProviderException.unavailable("refused a request to " + host + ": it is " + why
                + "; set latchkey.allow-private-network=true only for single-tenant or local setups");
    }

    /** Why an address must not be reached, or null when it may. */
    static String forbidden(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isAnyLocalAddress()) {
            return "an unspecified (any-local) address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address (such as the cloud metadata service)";
        }
        if (address.isSiteLocalAddress()) {
            return "a private network address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "a 'this network' address";
            }
            if (first == 100 && (second & 0xc0) == 64) {
                return "a carrier-grade NAT address";
            }
            if (first == 255 && second == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
                return "the broadcast address";
            }
            return null;
        }
        if (address instanceof Inet6Address v6) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "a unique-local address";
            }
            InetAddress embedded = embeddedIpv4(v6, b);
            return embedded == null ? null : forbidden(embedded);
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static InetAddress embeddedIpv4(Inet6Address v6, byte[] b) {
        try {
            if (v6.isIPv4CompatibleAddress()) {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && allZero(b, 4, 12);
            if (nat64) {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
            }
            return null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }
}
