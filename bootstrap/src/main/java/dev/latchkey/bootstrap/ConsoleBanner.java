package dev.latchkey.bootstrap;

import dev.latchkey.adapters.web.console.ConsoleOidcClient;
import dev.latchkey.adapters.web.console.ConsoleSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

import java.io.PrintStream;

/** On start, with the console on: where it is, and the redirect URI to register at the identity provider. */
@Singleton
@Requires(beans = ConsoleSettings.class)
public class ConsoleBanner implements ApplicationEventListener<StartupEvent> {
    private final ConsoleOidcClient oidc;
    private final ConsoleSettings settings;
    private final PrintStream console;

    public ConsoleBanner(ConsoleOidcClient oidc, ConsoleSettings settings, Console console) {
        this.oidc = oidc;
        this.settings = settings;
        this.console = console.out();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        String redirect = oidc.redirectUri().toString();
        console.printf("%n  The operator console signs in with %s (client %s).%n"
                        + "  Register this redirect URI at the identity provider:  %s%n"
                        + "  Open the console at  %s%n%n",
                settings.issuer(), settings.clientId(), redirect, redirect.substring(0, redirect.length() - "/callback".length()));
        console.flush();
    }
}
