package dev.latchkey.bootstrap;

import dev.latchkey.adapters.web.console.ConsoleDevSignIn;
import dev.latchkey.adapters.web.console.ConsoleOidcClient;
import dev.latchkey.adapters.web.console.ConsoleOidcSettings;
import dev.latchkey.adapters.web.console.ConsoleSettings;
import dev.latchkey.adapters.web.security.PublicUrl;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

import java.io.PrintStream;
import java.util.Optional;

/**
 * On start, with the console on: where it is and the redirect URI to register at the identity provider;
 * or, for development without one, the one-time sign-in link (to the terminal only, never to the log).
 */
@Singleton
@Requires(beans = ConsoleSettings.class)
public class ConsoleBanner implements ApplicationEventListener<StartupEvent> {
    private final Optional<ConsoleOidcClient> oidc;
    private final Optional<ConsoleOidcSettings> settings;
    private final Optional<ConsoleDevSignIn> devSignIn;
    private final String consoleUrl;
    private final PrintStream console;

    public ConsoleBanner(Optional<ConsoleOidcClient> oidc, Optional<ConsoleOidcSettings> settings, Optional<ConsoleDevSignIn> devSignIn,
                         PublicUrl publicUrl, Console console) {
        this.oidc = oidc;
        this.settings = settings;
        this.devSignIn = devSignIn;
        this.consoleUrl = publicUrl.base() + "/console";
        this.console = console.out();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (oidc.isPresent() && settings.isPresent()) {
            console.printf("%n  The operator console signs in with %s (client %s).%n"
                            + "  Register this redirect URI at the identity provider:  %s%n"
                            + "  Open the console at  %s%n%n",
                    settings.get().issuer(), settings.get().clientId(), oidc.get().redirectUri(), consoleUrl);
        } else {
            devSignIn.ifPresent(link -> console.printf("%n  The operator console has no identity provider (LATCHKEY_CONSOLE_DEV_SIGN_IN, for development)."
                    + "%n  Sign in once, as owner, with:  %s%n"
                    + "  In production set LATCHKEY_CONSOLE_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET instead.%n%n", link.link()));
        }
        console.flush();
    }
}
