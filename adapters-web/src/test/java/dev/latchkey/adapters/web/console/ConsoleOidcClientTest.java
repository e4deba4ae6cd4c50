package dev.latchkey.adapters.web.console;

import dev.latchkey.adapters.web.security.PublicUrl;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConsoleOidcClientTest {

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_provider_that_is_away_is_reported_as_away_without_the_client_secret_and_tried_again_next_time() {
        ConsoleOidcClient client = new ConsoleOidcClient(new ConsoleOidcSettings(URI.create("http://127.0.0.1:" + closedPort() + "/corp"),
                "latchkey", "the-client-secret", "groups"), new PublicUrl("https://connect.acme.example"));
        assertThat(client.redirectUri()).isEqualTo(URI.create("https://connect.acme.example/console/callback"));

        for (int attempt = 0; attempt < 2; attempt++) {
            ConsoleSignInException away = catchThrowableOfType(ConsoleSignInException.class, client::start);
            assertThat(away.providerAway()).isTrue();
            assertThat(away.getMessage()).contains("/.well-known/openid-configuration").doesNotContain("the-client-secret");
        }
        assertThat(client.providerOrigin()).isEmpty();
        assertThat(client.endSession("a.b.c")).isEmpty();
    }

    @Test
    void a_roles_claim_is_a_list_or_one_string() {
        assertThat(ConsoleOidcClient.groups(List.of("lk-admins", 42, "lk-viewers"))).containsExactly("lk-admins", "lk-viewers");
        assertThat(ConsoleOidcClient.groups("lk-admins")).containsExactly("lk-admins");
        assertThat(ConsoleOidcClient.groups(null)).isEmpty();
        assertThat(ConsoleOidcClient.groups(" ")).isEmpty();
    }
}
