package dev.latchkey.adapters.connectors.http;

import dev.latchkey.domain.connection.ProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundGuardTest {
    private final OutboundGuard strict = new OutboundGuard(false);
    private final OutboundGuard permissive = new OutboundGuard(true);

    @ParameterizedTest
    @ValueSource(strings = {
            "https://localhost/x", "https://127.0.0.1/x", "https://[::1]/x", "https://0.0.0.0/x",
            "https://10.1.2.3/x", "https://172.16.0.1/x", "https://172.31.255.255/x", "https://192.168.1.1/x",
            "https://169.254.169.254/latest/meta-data/", "https://[fe80::1]/x", "https://100.64.0.1/x", "https://100.127.255.254/x",
            "https://[fd00::1]/x", "https://[fc00::1]/x", "https://224.0.0.1/x", "https://[::ffff:10.0.0.1]/x",
            "https://[64:ff9b::a9fe:a9fe]/x", "https://metadata.google.internal/computeMetadata/v1/", "https://METADATA.google.internal./x"})
    void private_loopback_link_local_and_metadata_addresses_are_refused_when_not_allowed(String url) {
        assertThatThrownBy(() -> strict.check(URI.create(url)))
                .isInstanceOfSatisfying(ProviderException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE))
                .hasMessageContaining("refused a request to")
                .hasMessageContaining("LATCHKEY_ALLOW_PRIVATE_NETWORK=true")
                .hasMessageNotContaining("latchkey.allow-private-network");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://localhost/x", "https://10.1.2.3/x", "https://169.254.169.254/x", "https://[::1]/x",
            "http://localhost:8080/x", "http://127.0.0.1:9000/token"})
    void the_same_addresses_and_plain_http_pass_when_private_networks_are_allowed(String url) {
        assertThatCode(() -> permissive.check(URI.create(url))).doesNotThrowAnyException();
    }

    @Test
    void plain_http_is_refused_when_not_allowed_even_to_a_public_address() {
        OutboundGuard guard = new OutboundGuard(false, host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14})});

        assertThatThrownBy(() -> guard.check(URI.create("http://api.example.com/x")))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("only https is allowed");
        assertThatCode(() -> guard.check(URI.create("https://api.example.com/x"))).doesNotThrowAnyException();
    }

    @Test
    void a_public_name_that_resolves_to_a_private_address_is_refused() {
        OutboundGuard guard = new OutboundGuard(false, host -> new InetAddress[] {
                InetAddress.getByAddress(host, new byte[] {8, 8, 8, 8}), InetAddress.getByAddress(host, new byte[] {10, 0, 0, 5})});

        assertThatThrownBy(() -> guard.check(URI.create("https://rebind.example.com/x")))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("rebind.example.com")
                .hasMessageContaining("private network address");
    }

    @Test
    void other_schemes_are_refused_even_when_private_networks_are_allowed() {
        assertThatThrownBy(() -> permissive.check(URI.create("file:///etc/passwd"))).isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> permissive.check(URI.create("ftp://example.com/x"))).isInstanceOf(ProviderException.class);
    }

    @Test
    void public_addresses_pass() throws Exception {
        OutboundGuard guard = new OutboundGuard(false, host -> new InetAddress[] {InetAddress.getByName("2606:4700::1111"),
                InetAddress.getByName("1.1.1.1")});

        assertThatCode(() -> guard.check(URI.create("https://api.example.com/x"))).doesNotThrowAnyException();
        assertThatCode(() -> strict.check(URI.create("https://1.1.1.1/x"))).doesNotThrowAnyException();
        assertThatCode(() -> strict.check(URI.create("https://100.128.0.1/x"))).doesNotThrowAnyException();
    }

    /** Nothing is this machine's: only the registry decides. */
    private static final OutboundGuard REGISTRY_ONLY = new OutboundGuard(false, InetAddress::getAllByName, Set::of, Set.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            0.0.0.0/8          | 0.0.0.0         | 0.255.255.255   | -               | 1.0.0.0
            10.0.0.0/8         | 10.0.0.0        | 10.255.255.255  | 9.255.255.255   | 11.0.0.0
            100.64.0.0/10      | 100.64.0.0      | 100.127.255.255 | 100.63.255.255  | 100.128.0.0
            127.0.0.0/8        | 127.0.0.0       | 127.255.255.255 | 126.255.255.255 | 128.0.0.0
            169.254.0.0/16     | 169.254.0.0     | 169.254.255.255 | 169.253.255.255 | 169.255.0.0
            172.16.0.0/12      | 172.16.0.0      | 172.31.255.255  | 172.15.255.255  | 172.32.0.0
            192.0.0.0/24       | 192.0.0.0       | 192.0.0.255     | 191.255.255.255 | 192.0.1.0
            192.0.2.0/24       | 192.0.2.0       | 192.0.2.255     | 192.0.1.255     | 192.0.3.0
            192.88.99.0/24     | 192.88.99.0     | 192.88.99.255   | 192.88.98.255   | 192.88.100.0
            192.168.0.0/16     | 192.168.0.0     | 192.168.255.255 | 192.167.255.255 | 192.169.0.0
            198.18.0.0/15      | 198.18.0.0      | 198.19.255.255  | 198.17.255.255  | 198.20.0.0
            198.51.100.0/24    | 198.51.100.0    | 198.51.100.255  | 198.51.99.255   | 198.51.101.0
            203.0.113.0/24     | 203.0.113.0     | 203.0.113.255   | 203.0.112.255   | 203.0.114.0
            224.0.0.0/4        | 224.0.0.0       | 239.255.255.255 | 223.255.255.255 | -
            240.0.0.0/4        | 240.0.0.0       | 255.255.255.254 | -               | -
            255.255.255.255/32 | 255.255.255.255 | 255.255.255.255 | -               | -
            ::/128             | ::              | ::              | -               | -
            ::1/128            | ::1             | ::1             | -               | -
            64:ff9b:1::/48     | 64:ff9b:1::     | 64:ff9b:1:ffff:ffff:ffff:ffff:ffff | 64:ff9b:0:ffff:ffff:ffff:ffff:ffff | 64:ff9b:2::
            100::/64           | 100::           | 100::ffff:ffff:ffff:ffff | ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | -
            100:0:0:1::/64     | 100:0:0:1::     | 100:0:0:1:ffff:ffff:ffff:ffff | - | 100:0:0:2::
            2001::/32          | 2001::          | 2001:0:ffff:ffff:ffff:ffff:ffff:ffff | 2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff | -
            2001::/23          | 2001:1::        | 2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff | - | 2001:200::
            2001:db8::/32      | 2001:db8::      | 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff | 2001:db7:ffff:ffff:ffff:ffff:ffff:ffff | 2001:db9::
            3fff::/20          | 3fff::          | 3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff | 3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff | 3fff:1000::
            5f00::/16          | 5f00::          | 5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff | 5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | 5f01::
            fc00::/7           | fc00::          | fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | fe00::
            fe80::/10          | fe80::          | febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff | fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff | -
            fec0::/10          | fec0::          | feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | - | -
            ff00::/8           | ff00::          | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | - | -
            """)
    void every_special_purpose_range_is_refused_from_its_first_to_its_last_address_and_not_beyond(
            String cidr, String first, String last, String below, String above) throws Exception {
        for (String inside : new String[] {first, last}) {
            assertThat(REGISTRY_ONLY.forbidden(InetAddress.getByName(inside)))
                    .as(inside).hasValueSatisfying(why -> assertThat(why).contains(cidr));
        }
        for (String outside : new String[] {below, above}) {
            if (outside != null) {
                assertThat(REGISTRY_ONLY.forbidden(InetAddress.getByName(outside))).as(outside).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2002:a00:1::1            | a 6to4 address (2002::/16, RFC 3056) carrying a private network address
            2002:7f00:1::            | a 6to4 address (2002::/16, RFC 3056) carrying a loopback address
            64:ff9b::a9fe:a9fe       | a NAT64 address (64:ff9b::/96, RFC 6052) carrying a link-local address
            64:ff9b::c000:201        | a NAT64 address (64:ff9b::/96, RFC 6052) carrying a documentation address
            ::ffff:0:a00:1           | an IPv4-translated address (::ffff:0:0:0/96, RFC 2765) carrying a private network address
            ::c612:1                 | an IPv4-compatible address (::/96, RFC 4291) carrying a benchmarking address
            2001:0:4136:e378:8000:63bf:3fff:fdd2 | a Teredo address
            64:ff9b:1::808:808       | a local-use IPv4/IPv6 translation address
            """)
    void ipv6_forms_carrying_a_non_global_ipv4_address_are_refused(String address, String reason) throws Exception {
        assertThat(REGISTRY_ONLY.forbidden(InetAddress.getByName(address))).hasValueSatisfying(why -> assertThat(why).startsWith(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2002:808:808::1", "64:ff9b::808:808", "::808:808", "2606:4700::1111", "2a00:1450:4001:80b::200e"})
    void ipv6_forms_carrying_a_global_ipv4_address_and_global_ipv6_addresses_pass(String address) throws Exception {
        assertThat(REGISTRY_ONLY.forbidden(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void an_ipv4_mapped_address_is_judged_by_its_ipv4_address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 198, 18, 0, 1};
        InetAddress address = java.net.Inet6Address.getByAddress("mapped.example", mapped, -1);

        assertThat(REGISTRY_ONLY.forbidden(address)).hasValueSatisfying(why -> assertThat(why).contains("benchmarking"));
    }

    @Test
    void an_address_of_this_machine_is_refused_even_when_it_is_public() throws Exception {
        InetAddress own = InetAddress.getByName("8.8.4.4");
        OutboundGuard guard = new OutboundGuard(false, host -> new InetAddress[] {InetAddress.getByAddress(host, own.getAddress())},
                () -> Set.of(own), Set.of());

        assertThatThrownBy(() -> guard.check(URI.create("https://myself.example.com/x")))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("this machine's own network interfaces")
                .hasMessageContaining("LATCHKEY_ALLOW_PRIVATE_NETWORK=true");
    }

    @Test
    void the_real_interface_list_holds_the_loopback_address() throws Exception {
        assertThat(OwnAddresses.list()).contains(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void the_interface_list_is_read_again_once_it_is_older_than_the_refresh_interval() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        InetAddress added = InetAddress.getByName("8.8.4.4");
        AtomicReference<Set<InetAddress>> interfaces = new AtomicReference<>(Set.of());
        AtomicInteger listings = new AtomicInteger();
        OwnAddresses own = new OwnAddresses(clock, Duration.ofSeconds(30), () -> {
            listings.incrementAndGet();
            return interfaces.get();
        });

        assertThat(own.get()).isEmpty();
        interfaces.set(Set.of(added));
        now.set(now.get().plusSeconds(29));
        assertThat(own.get()).isEmpty();
        now.set(now.get().plusSeconds(1));
        assertThat(own.get()).containsExactly(added);
        assertThat(listings).hasValue(2);
    }

    @Test
    void the_metadata_name_and_plain_http_messages_name_the_environment_variable() {
        assertThatThrownBy(() -> strict.check(URI.create("http://api.example.com/x")))
                .hasMessageContaining("plain http needs LATCHKEY_ALLOW_PRIVATE_NETWORK=true");
        assertThatThrownBy(() -> strict.check(URI.create("https://metadata/x")))
                .hasMessageContaining("LATCHKEY_ALLOW_PRIVATE_NETWORK=true");
    }
}
