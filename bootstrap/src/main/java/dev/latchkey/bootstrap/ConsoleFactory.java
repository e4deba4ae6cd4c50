package dev.latchkey.bootstrap;

import dev.latchkey.adapters.web.console.ConsoleRoleMap;
import dev.latchkey.adapters.web.console.ConsoleSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.net.URI;

/** The operator console's settings, when its identity provider is configured; without them no console bean exists (404). */
@Factory
public class ConsoleFactory {

    @Singleton
    @Requires(property = "latchkey.console.issuer")
    ConsoleSettings consoleSettings(ConsoleProperties properties) {
        return new ConsoleSettings(URI.create(properties.getIssuer()), properties.getClientId(), properties.getClientSecret(),
                properties.getRolesClaim(), ConsoleRoleMap.parse(properties.getRoleMap()), properties.getIdleTimeout(),
                properties.getAbsoluteTimeout());
    }
}
