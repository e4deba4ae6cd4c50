package dev.latchkey.bootstrap;

import dev.latchkey.adapters.web.console.ConsoleOidcSettings;
import dev.latchkey.adapters.web.console.ConsoleRoleMap;
import dev.latchkey.adapters.web.console.ConsoleSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * The operator console's settings: on with an identity provider ({@code LATCHKEY_CONSOLE_OIDC_*}) or, for
 * development only and without one, with the one-time sign-in link ({@code LATCHKEY_CONSOLE_DEV_SIGN_IN}).
 * Otherwise no console bean exists (404).
 */
@Factory
public class ConsoleFactory {

    @Singleton
    @Requires(property = "latchkey.console.issuer")
    ConsoleOidcSettings consoleOidcSettings(ConsoleProperties properties) {
        return new ConsoleOidcSettings(URI.create(properties.getIssuer()), properties.getClientId(), properties.getClientSecret(),
                properties.getRolesClaim());
    }

    @Singleton
    @Requires(property = "latchkey.console.issuer")
    ConsoleSettings consoleSettings(ConsoleProperties properties) {
        return settings(properties);
    }

    @Singleton
    @Requires(missingProperty = "latchkey.console.issuer")
    @Requires(property = "latchkey.console.dev-sign-in", value = "true")
    ConsoleSettings consoleDevSettings(ConsoleProperties properties) {
        return settings(properties);
    }

    private static ConsoleSettings settings(ConsoleProperties properties) {
        return new ConsoleSettings(ConsoleRoleMap.parse(properties.getRoleMap()), properties.getIdleTimeout(), properties.getAbsoluteTimeout());
    }
}
