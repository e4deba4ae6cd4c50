package dev.latchkey.adapters.web.console;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The console's sign-in, as the operator configured it ({@code LATCHKEY_CONSOLE_*}, read by bootstrap).
 * Without it there is no console: none of its beans exist and {@code /console} is a 404.
 *
 * @param issuer       the OpenID provider's issuer; its discovery document is at {@code /.well-known/openid-configuration}
 * @param rolesClaim   the ID-token (or userinfo) claim listing the user's groups
 * @param idleTimeout  a session unused this long ends
 * @param absoluteTimeout a session ends this long after sign-in, however busy
 */
public record ConsoleSettings(URI issuer, String clientId, String clientSecret, String rolesClaim, ConsoleRoleMap roles,
                              Duration idleTimeout, Duration absoluteTimeout) {
    public static final String DEFAULT_ROLES_CLAIM = "groups";
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_ABSOLUTE = Duration.ofHours(8);

    public ConsoleSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(rolesClaim, "rolesClaim");
        Objects.requireNonNull(roles, "roles");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteTimeout.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("the idle timeout must be positive and no longer than the absolute one");
        }
    }

    @Override
    public String toString() {
        return "ConsoleSettings[issuer=" + issuer + ", clientId=" + clientId + ", rolesClaim=" + rolesClaim + "]";
    }
}
