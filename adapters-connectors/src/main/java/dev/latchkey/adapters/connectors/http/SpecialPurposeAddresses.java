package dev.latchkey.adapters.connectors.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Every address range an outbound request must not reach: the ranges of the IANA IPv4 and IPv6
 * special-purpose address registries (RFC 6890 and its successors) that are not globally reachable,
 * plus multicast and the deprecated site-local and 6to4-relay ranges. IPv6 forms that carry an IPv4
 * address (IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64, 6to4) are judged by that address.
 *
 * <p>A few registry entries inside a refused block are globally reachable anycast services
 * (192.0.0.9, 192.0.0.10, 2001:1::1 ...); none is an API a connector would call, so the blocks are
 * refused whole. The first matching row names the reason.
 */
final class SpecialPurposeAddresses {
    private SpecialPurposeAddresses() {
    }

    /** One row of the registry: a CIDR block, what it is (for messages) and where it is defined. */
    static final class Range {
        private final String cidr;
        private final String name;
        private final String rfc;
        private final byte[] network;
        private final int bits;

        Range(String cidr, String name, String rfc) {
            this.cidr = cidr;
            this.name = name;
            this.rfc = rfc;
            int slash = cidr.indexOf('/');
            this.network = bytes(cidr.substring(0, slash));
            this.bits = Integer.parseInt(cidr.substring(slash + 1));
            if (bits > network.length * 8) {
                throw new IllegalArgumentException("not a CIDR block: " + cidr);
            }
        }

        String cidr() {
            return cidr;
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        String describe() {
            return name + " (" + cidr + ", " + rfc + ")";
        }

        /** The bytes of a literal: 16 for every IPv6 form, also ::ffff:0:0 (which the JDK turns into IPv4). */
        private static byte[] bytes(String literal) {
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(literal).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address literal: " + literal, e);
            }
            if (bytes.length == 16 || !literal.contains(":")) {
                return bytes;
            }
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            return mapped;
        }
    }

    /** An IPv6 block whose addresses carry an IPv4 address at {@code offset} (bytes). */
    record Embedding(Range range, int offset) {
    }

    static final List<Range> IPV4 = List.of(
            new Range("0.0.0.0/8", "a 'this network' address", "RFC 791"),
            new Range("10.0.0.0/8", "a private network address", "RFC 1918"),
            new Range("100.64.0.0/10", "a carrier-grade NAT (shared) address", "RFC 6598"),
            new Range("127.0.0.0/8", "a loopback address", "RFC 1122"),
            new Range("169.254.0.0/16", "a link-local address (such as the cloud metadata service)", "RFC 3927"),
            new Range("172.16.0.0/12", "a private network address", "RFC 1918"),
            new Range("192.0.0.0/24", "an IETF protocol assignment address", "RFC 6890"),
            new Range("192.0.2.0/24", "a documentation address (TEST-NET-1)", "RFC 5737"),
            new Range("192.88.99.0/24", "a deprecated 6to4 relay anycast address", "RFC 7526"),
            new Range("192.168.0.0/16", "a private network address", "RFC 1918"),
            new Range("198.18.0.0/15", "a benchmarking address", "RFC 2544"),
            new Range("198.51.100.0/24", "a documentation address (TEST-NET-2)", "RFC 5737"),
            new Range("203.0.113.0/24", "a documentation address (TEST-NET-3)", "RFC 5737"),
            new Range("224.0.0.0/4", "a multicast address", "RFC 5771"),
            new Range("255.255.255.255/32", "the limited broadcast address", "RFC 919"),
            new Range("240.0.0.0/4", "a reserved address", "RFC 1112"));

    static final List<Range> IPV6 = List.of(
            new Range("::/128", "the unspecified address", "RFC 4291"),
            new Range("::1/128", "a loopback address", "RFC 4291"),
            new Range("64:ff9b:1::/48", "a local-use IPv4/IPv6 translation address", "RFC 8215"),
            new Range("100::/64", "a discard-only address", "RFC 6666"),
            new Range("100:0:0:1::/64", "a dummy IPv6 prefix address", "RFC 9780"),
            new Range("2001::/32", "a Teredo address", "RFC 4380"),
            new Range("2001::/23", "an IETF protocol assignment address (benchmarking, ORCHID ...)", "RFC 2928"),
            new Range("2001:db8::/32", "a documentation address", "RFC 3849"),
            new Range("3fff::/20", "a documentation address", "RFC 9637"),
            new Range("5f00::/16", "a segment routing (SRv6 SID) address", "RFC 9602"),
            new Range("fc00::/7", "a unique-local address", "RFC 4193"),
            new Range("fe80::/10", "a link-local address", "RFC 4291"),
            new Range("fec0::/10", "a deprecated site-local address", "RFC 3879"),
            new Range("ff00::/8", "a multicast address", "RFC 4291"));

    static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(new Range("::ffff:0:0/96", "an IPv4-mapped address", "RFC 4291"), 12),
            new Embedding(new Range("::/96", "an IPv4-compatible address", "RFC 4291"), 12),
            new Embedding(new Range("::ffff:0:0:0/96", "an IPv4-translated address", "RFC 2765"), 12),
            new Embedding(new Range("64:ff9b::/96", "a NAT64 address", "RFC 6052"), 12),
            new Embedding(new Range("2002::/16", "a 6to4 address", "RFC 3056"), 2));

    /** Why the address must not be reached, or empty when it is globally reachable. */
    static Optional<String> forbidden(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Range range : address instanceof Inet4Address ? IPV4 : IPV6) {
            if (range.contains(bytes)) {
                return Optional.of(range.describe());
            }
        }
        if (address instanceof Inet4Address) {
            return Optional.empty();
        }
        for (Embedding embedding : EMBEDDINGS) {
            if (embedding.range().contains(bytes)) {
                byte[] ipv4 = new byte[4];
                System.arraycopy(bytes, embedding.offset(), ipv4, 0, 4);
                try {
                    return forbidden(InetAddress.getByAddress(ipv4))
                            .map(why -> embedding.range().describe() + " carrying " + why);
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("four bytes are an IPv4 address", e);
                }
            }
        }
        return Optional.empty();
    }
}
