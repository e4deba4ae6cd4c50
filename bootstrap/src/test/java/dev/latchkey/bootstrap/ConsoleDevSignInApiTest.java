package dev.latchkey.bootstrap;

import dev.latchkey.adapters.web.console.ConsoleDevSignIn;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console for local development, without an identity provider (LATCHKEY_CONSOLE_DEV_SIGN_IN): the
 * link printed at start-up opens one owner session, once; no other way in, no password.
 */
@MicronautTest(transactional = false)
class ConsoleDevSignInApiTest extends ApiTest {
    private String base;

    @Inject
    ConsoleDevSignIn devSignIn;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        base = "http://localhost:" + properties.get("micronaut.server.port");
        properties.put("latchkey.public-url", base);
        properties.put("latchkey.console.dev-sign-in", "true");
        return properties;
    }

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String url) {
        try {
            return browser.send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : base + url)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_printed_link_opens_one_owner_session_once_and_nothing_else_signs_in() {
        HttpResponse<String> console = get("/console/workspaces");
        assertThat(console.statusCode()).isEqualTo(303);
        HttpResponse<String> signIn = get(console.headers().firstValue("Location").orElseThrow());
        assertThat(signIn.statusCode()).isEqualTo(401);
        assertThat(signIn.body()).contains("the link Latchkey printed when it started");
        assertThat(get("/console/callback?code=x&state=y").statusCode()).as("no identity provider").isEqualTo(404);
        assertThat(get("/console/dev-sign-in/guessed").statusCode()).isEqualTo(400);

        String link = devSignIn.link();
        TestSecrets.register(link.substring(link.lastIndexOf('/') + 1));
        assertThat(link).startsWith(base + "/console/dev-sign-in/");
        HttpResponse<String> opened = get(link);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("(owner)");
        HttpResponse<String> workspaces = get("/console/workspaces");
        assertThat(workspaces.statusCode()).isEqualTo(200);
        assertThat(workspaces.body()).contains("owner");

        assertThat(get(link).statusCode()).as("used once").isEqualTo(400);
    }
}
