package dev.latchkey.adapters.web.console;

import dev.latchkey.adapters.web.security.PublicUrl;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The console's sign-in for local development ({@code LATCHKEY_CONSOLE_DEV_SIGN_IN=true}, only without
 * an identity provider): one link per start, printed to the terminal, that opens one owner session
 * once. There is no password, default or otherwise.
 */
@Singleton
@Requires(property = "latchkey.console.dev-sign-in", value = "true")
@Requires(missingBeans = ConsoleOidcSettings.class)
public class ConsoleDevSignIn {
    private final AtomicReference<String> code;
    private final String link;

    public ConsoleDevSignIn(PublicUrl publicUrl) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        this.code = new AtomicReference<>(secret);
        this.link = publicUrl.base() + ConsolePaths.DEV_SIGN_IN + "/" + secret;
    }

    /** The one-time link, for the terminal only. */
    public String link() {
        return link;
    }

    /** Whether {@code presented} is the link's code, unused until now; it is used up either way it matches. */
    boolean consume(String presented) {
        String expected = code.get();
        return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))
                && code.compareAndSet(expected, null);
    }
}
