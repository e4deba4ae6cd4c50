package dev.latchkey.adapters.connectors.http;

import dev.latchkey.domain.connection.ProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;

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
                .hasMessageContaining("latchkey.allow-private-network");
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
}
