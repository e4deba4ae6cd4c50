package dev.latchkey.adapters.web.security;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {

    private static InetSocketAddress peer(String ip) {
        return new InetSocketAddress(ip, 40000);
    }

    @Test
    void without_trusted_proxies_the_socket_peer_is_the_client_whatever_the_header_says() {
        ClientAddresses addresses = new ClientAddresses("");

        assertThat(addresses.of(peer("203.0.113.7"), List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void x_forwarded_for_is_ignored_from_a_peer_that_is_not_a_trusted_proxy() {
        ClientAddresses addresses = new ClientAddresses("10.0.0.0/8");

        assertThat(addresses.of(peer("203.0.113.7"), List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void from_a_trusted_proxy_the_right_most_untrusted_address_is_the_client() {
        ClientAddresses addresses = new ClientAddresses(" 10.0.0.0/8 , 192.168.1.7");

        assertThat(addresses.of(peer("10.1.2.3"), List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(addresses.of(peer("10.1.2.3"), List.of("1.1.1.1, 198.51.100.1, 192.168.1.7")))
                .as("what the client wrote itself (1.1.1.1) is not believed").isEqualTo("198.51.100.1");
        assertThat(addresses.of(peer("10.1.2.3"), List.of("1.1.1.1", "198.51.100.1, 10.9.9.9")))
                .as("several headers are one list").isEqualTo("198.51.100.1");
        assertThat(addresses.of(peer("10.1.2.3"), List.of("not-an-ip, 10.9.9.9")))
                .as("garbage is not an address: the last trusted hop stands for it").isEqualTo("10.9.9.9");
        assertThat(addresses.of(peer("10.1.2.3"), List.of())).as("a trusted proxy that adds no header").isEqualTo("10.1.2.3");
    }

    @Test
    void an_ipv6_client_is_counted_by_its_64_block() {
        ClientAddresses addresses = new ClientAddresses("");

        assertThat(addresses.of(peer("2001:db8:1:2:aaaa::1"), List.of()))
                .isEqualTo(addresses.of(peer("2001:db8:1:2:bbbb::9"), List.of()))
                .isNotEqualTo(addresses.of(peer("2001:db8:1:3::1"), List.of()));
    }

    @Test
    void the_audit_address_is_the_whole_client_address_found_through_trusted_proxies() {
        ClientAddresses addresses = new ClientAddresses("10.0.0.0/8");

        assertThat(addresses.address(peer("2001:db8:1:2:aaaa::1"), List.of())).contains("2001:db8:1:2:aaaa::1");
        assertThat(addresses.address(peer("10.1.2.3"), List.of("1.1.1.1, 198.51.100.1"))).contains("198.51.100.1");
        assertThat(addresses.address(peer("203.0.113.7"), List.of("198.51.100.1"))).contains("203.0.113.7");
        assertThat(addresses.address(peer("::ffff:198.51.100.2"), List.of())).contains("198.51.100.2");
    }

    @Test
    void a_bad_trusted_proxy_entry_is_refused_naming_it() {
        assertThatThrownBy(() -> new ClientAddresses("10.0.0.0/8, proxy.internal")).hasMessageContaining("'proxy.internal'");
        assertThatThrownBy(() -> new ClientAddresses("10.0.0.0/33")).hasMessageContaining("'10.0.0.0/33'");
    }
}
