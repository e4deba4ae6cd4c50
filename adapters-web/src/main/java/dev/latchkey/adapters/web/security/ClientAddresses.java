package dev.latchkey.adapters.web.security;

import io.micronaut.context.annotation.Value;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which address a request comes from, for throttling: the socket's peer; or, when that peer is one of
 * {@code LATCHKEY_TRUSTED_PROXIES} (IPs and CIDRs), the right-most address in {@code X-Forwarded-For}
 * that is not a trusted proxy — the one the outermost trusted proxy saw. Everything left of it was
 * written by the client and is ignored: a client cannot pick its own bucket.
 */
@Singleton
public final class ClientAddresses {
    public static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<IpSubnetFilterRule> trusted;

    public ClientAddresses(@Value("${latchkey.trusted-proxies:}") String trustedProxies) {
        this.trusted = parse(trustedProxies);
    }

    /** Trusted proxies as {@code 10.0.0.0/8, 192.168.1.7, fd00::/8}; a bad entry is an {@link IllegalArgumentException} naming it. */
    public static List<IpSubnetFilterRule> parse(String trustedProxies) {
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        for (String entry : trustedProxies.split(",")) {
            String item = entry.strip();
            if (item.isEmpty()) {
                continue;
            }
            int slash = item.indexOf('/');
            String ip = slash < 0 ? item : item.substring(0, slash);
            InetAddress address = literal(ip);
            if (address == null) {
                throw new IllegalArgumentException("'" + item + "' is not an IP address or CIDR (such as 10.0.0.0/8)");
            }
            int bits = address.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(item.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + item + "' has a bad prefix length (0 to " + bits + ")");
            }
            rules.add(new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT));
        }
        return List.copyOf(rules);
    }

    /**
     * The client's address as a throttling key.
     *
     * @param peer the socket's remote address
     * @param forwardedFor the values of every {@code X-Forwarded-For} header, in order
     */
    public String of(SocketAddress peer, List<String> forwardedFor) {
        if (!(peer instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return String.valueOf(peer);
        }
        return key(client(socket.getAddress(), forwardedFor));
    }

    /**
     * The client's address in full (an IPv6 address too, not its /64), found as {@link #of} finds it:
     * for the audit log, which says where a change came from. Empty when the peer is no IP socket.
     */
    public java.util.Optional<String> address(SocketAddress peer, List<String> forwardedFor) {
        if (!(peer instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return java.util.Optional.empty();
        }
        InetAddress client = client(socket.getAddress(), forwardedFor);
        byte[] bytes = client.getAddress();
        if (bytes.length == 16 && isV4Mapped(bytes)) {
            return java.util.Optional.of(NetUtil.bytesToIpAddress(bytes, 12, 4));
        }
        return java.util.Optional.of(NetUtil.bytesToIpAddress(bytes));
    }

    private InetAddress client(InetAddress peer, List<String> forwardedFor) {
        InetAddress client = peer;
        if (trusted.isEmpty() || !isTrusted(client)) {
            return client;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break; // not an address a proxy writes: the client's own text; the last trusted hop stands for it
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule rule : trusted) {
            if (rule.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An IPv4 address as it is; an IPv6 address by its /64, the block one subscriber gets, so that a
     * client cannot escape its bucket by moving within it.
     */
    static String key(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16) {
            if (isV4Mapped(bytes)) {
                return key(literal(NetUtil.bytesToIpAddress(bytes, 12, 4)));
            }
            java.util.Arrays.fill(bytes, 8, 16, (byte) 0);
            return NetUtil.bytesToIpAddress(bytes) + "/64";
        }
        return address.getHostAddress();
    }

    private static boolean isV4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** An IP literal (IPv6 possibly in brackets) as an address, never a DNS lookup; null for anything else. */
    private static InetAddress literal(String text) {
        String ip = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(ip);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
