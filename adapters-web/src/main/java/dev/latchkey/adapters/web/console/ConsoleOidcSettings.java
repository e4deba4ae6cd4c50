package dev.latchkey.adapters.web.console;

import java.net.URI;
import java.util.Objects;

/**
 * The console's identity provider ({@code LATCHKEY_CONSOLE_OIDC_*}, read by bootstrap).
 *
 * @param issuer     the OpenID provider's issuer; its discovery document is at {@code /.well-known/openid-configuration}
 * @param rolesClaim the ID-token claim listing the user's groups
 */
public record ConsoleOidcSettings(URI issuer, String clientId, String clientSecret, String rolesClaim) {
    public static final String DEFAULT_ROLES_CLAIM = "groups";

    public ConsoleOidcSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(rolesClaim, "rolesClaim");
    }

    @Override
    public String toString() {
        return "ConsoleOidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", rolesClaim=" + rolesClaim + "]";
    }
}
