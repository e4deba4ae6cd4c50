package dev.latchkey.adapters.web.console;

import java.time.Duration;
import java.util.Objects;

/**
 * The console's sessions and roles, as the operator configured them ({@code LATCHKEY_CONSOLE_*}, read by
 * bootstrap). This bean exists when the console is on: signed in through an identity provider
 * ({@link ConsoleOidcSettings}) or, for development, through a one-time link ({@link ConsoleDevSignIn}).
 * Without it none of the console's beans exist and {@code /console} is a 404.
 *
 * @param idleTimeout  a session unused this long ends
 * @param absoluteTimeout a session ends this long after sign-in, however busy
 */
public record ConsoleSettings(ConsoleRoleMap roles, Duration idleTimeout, Duration absoluteTimeout) {
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_ABSOLUTE = Duration.ofHours(8);

    public ConsoleSettings {
        Objects.requireNonNull(roles, "roles");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteTimeout.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("the idle timeout must be positive and no longer than the absolute one");
        }
    }
}
